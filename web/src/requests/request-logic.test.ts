import { describe, expect, it } from 'vitest';
import { answersToSend, answerText, dueText, keyFromLabel, missingAnswers, moved, requestSteps, tasksWaitedFor } from './request-logic';
import type { FormField, ServiceRequest } from './types';

const form: FormField[] = [
  { key: 'software', label: 'Software', kind: 'text', required: true },
  { key: 'licensed', label: 'Licensed', kind: 'boolean', required: true },
  { key: 'notes', label: 'Notes', kind: 'longText', required: false },
];

const request = (status: string, extra: Partial<ServiceRequest> = {}) => ({ status, approverId: null, dueAt: '2026-12-01T14:00:00.000Z', ...extra }) as ServiceRequest;

describe('request pages', () => {
  it('finds blank required answers, but never an unticked box', () => {
    expect(missingAnswers(form, { software: '  ' })).toEqual({ software: 'Software is required' });
    expect(missingAnswers(form, { software: 'Visio' })).toEqual({});
  });

  it('sends answers without blanks and with every checkbox as true or false', () => {
    expect(answersToSend(form, { software: 'Visio', notes: '' })).toEqual({ software: 'Visio', licensed: false });
  });

  it('moves rows up and down, and not past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('makes an answer key from a question', () => {
    expect(keyFromLabel("New starter's start date")).toBe('newStartersStartDate');
    expect(keyFromLabel('2 monitors?')).toBe('monitors');
  });

  it('shows the approval step only when someone approves, and how far the request got', () => {
    expect(requestSteps(request('in-fulfilment')).map((s) => [s.label, s.done])).toEqual([['Submitted', true], ['In fulfilment', true], ['Fulfilled', false], ['Closed', false]]);
    expect(requestSteps(request('awaiting-approval', { approverId: 'u' })).filter((s) => s.done).map((s) => s.label)).toEqual(['Submitted']);
    expect(requestSteps(request('awaiting-requester', { approverId: 'u' })).filter((s) => s.done).map((s) => s.label)).toEqual(['Submitted', 'Approved', 'In fulfilment']);
  });

  it('explains a missing due time', () => {
    expect(dueText(request('awaiting-approval'), 'UTC')).toBe('After approval');
    expect(dueText(request('awaiting-requester'), 'UTC')).toBe('Waiting for you');
    expect(dueText(request('in-fulfilment'), 'UTC')).toBe('1 Dec 2026, 14:00');
  });
});

describe('the order of fulfilment tasks', () => {
  const tasks = [{ position: 2, status: 'open' }, { position: 1, status: 'open' }, { position: 3, status: 'open' }, { position: 4, status: 'done' }];
  it('has a task wait for every earlier task still open, in order', () => {
    expect(tasksWaitedFor(tasks, tasks[2]!).map((t) => t.position)).toEqual([1, 2]);
    expect(tasksWaitedFor(tasks, tasks[1]!)).toEqual([]);
  });
  it('lets a task go once the ones before it are done or skipped', () => {
    const later = [{ position: 1, status: 'skipped' }, { position: 2, status: 'done' }, { position: 3, status: 'open' }];
    expect(tasksWaitedFor(later, later[2]!)).toEqual([]);
  });
});

describe('an answer as its question reads it', () => {
  it('says yes or no, a date in words, the text, or a dash when blank', () => {
    expect(answerText(form[1]!, true)).toBe('Yes');
    expect(answerText(form[1]!, false)).toBe('No');
    expect(answerText({ key: 'start', label: 'Start', kind: 'date', required: true }, '2026-12-01')).toBe('1 Dec 2026');
    expect(answerText(form[0]!, 'Visio')).toBe('Visio');
    expect(answerText(form[2]!, '')).toBe('—');
  });
});
