import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.js';
import { assertWorkflow, chooseTransition, missingRequiredFields, type Workflow } from './workflow.js';

const workflow: Workflow = {
  initial: 'open',
  states: [
    { id: 'open', label: 'Open', category: 'open' },
    { id: 'fixed', label: 'Fixed', category: 'done' },
    { id: 'closed', label: 'Closed', category: 'done' },
  ],
  transitions: [
    { from: ['open'], to: 'fixed', label: 'Fix', roles: ['service-desk-agent'], requires: ['rootCause'] },
    { from: ['fixed'], to: 'closed', label: 'Close', roles: ['incident-problem-manager'] },
    { from: ['fixed', 'closed'], to: 'open', label: 'Reopen', roles: ['service-desk-agent'] },
  ],
};

describe('status machines', () => {
  it('finds the transition a role may make', () => {
    expect(chooseTransition(workflow, 'PRB-1', 'open', 'fixed', ['service-desk-agent']).label).toBe('Fix');
  });

  it('refuses an unknown transition with 409 listing the allowed ones', () => {
    try {
      chooseTransition(workflow, 'PRB-1', 'open', 'closed', ['incident-problem-manager']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('invalid-transition');
      expect((error as AppError).message).toContain('Allowed from here: fixed (Fix)');
    }
  });

  it('refuses a transition to a role not allowed to make it, but not to an administrator', () => {
    expect(() => chooseTransition(workflow, 'PRB-1', 'fixed', 'closed', ['service-desk-agent'])).toThrow(/Only incident-problem-manager may close PRB-1/);
    expect(chooseTransition(workflow, 'PRB-1', 'fixed', 'closed', ['administrator']).to).toBe('closed');
  });

  it('lists required fields that are missing or blank', () => {
    const fix = workflow.transitions[0]!;
    expect(missingRequiredFields(fix, { rootCause: '  ' })).toEqual(['rootCause']);
    expect(missingRequiredFields(fix, { rootCause: 'Expired certificate' })).toEqual([]);
  });

  it('rejects a workflow naming an unknown state or field at start-up', () => {
    expect(() => assertWorkflow('x', { ...workflow, initial: 'nowhere' }, ['rootCause'])).toThrow(/initial state nowhere/);
    expect(() => assertWorkflow('x', workflow, [])).toThrow(/requires unknown field rootCause/);
  });
});
