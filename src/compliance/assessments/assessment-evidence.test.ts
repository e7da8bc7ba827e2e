import { describe, expect, it } from 'vitest';
import { assessmentRecord } from './assessment.record.js';
import { AppError } from '../../platform/http/app-error.js';
import { assertEvidenceOpen } from '../../kernel/records/frozen-evidence.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';

const refusal = (def: RecordTypeDefinition, status: string) => {
  try {
    assertEvidenceOpen(def, { reference: 'ASM-000001', status }, 'attach a file to');
    return null;
  } catch (error) {
    return error instanceof AppError ? { code: error.code, message: error.message } : { code: 'other', message: String(error) };
  }
};

describe('the frozen evidence of an assessment', () => {
  it('leaves an assessment open while planned or in progress', () => {
    expect(refusal(assessmentRecord, 'planned')).toBeNull();
    expect(refusal(assessmentRecord, 'in-progress')).toBeNull();
  });

  it('refuses in the declared states with a conflict that names the state and the way forward', () => {
    expect(refusal(assessmentRecord, 'approved')).toEqual({
      code: 'conflict',
      message: 'ASM-000001 is approved, so its evidence is frozen: you cannot attach a file to it. Start a follow-up assessment based on it to record new evidence.',
    });
    expect(refusal(assessmentRecord, 'completed')?.code).toBe('conflict');
  });

  it('declares only states its workflow has, and types without a declaration never freeze', () => {
    const states = assessmentRecord.workflow.states.map((s) => s.id);
    for (const state of assessmentRecord.frozenIn!.states) expect(states).toContain(state);
    const { frozenIn: _none, ...open } = assessmentRecord;
    expect(refusal(open, 'approved')).toBeNull();
  });
});
