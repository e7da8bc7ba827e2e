import { formatCalendarDate, formatInstant } from '../shared/format';
import type { AnswerValue, FormField, ServiceRequest } from './types';

/** The request pages' logic that does not need a browser, kept apart so it is tested on its own. */

/** Required questions left blank, as errors by key (the server checks everything again). */
export function missingAnswers(fields: readonly FormField[], answers: Record<string, AnswerValue>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = answers[field.key];
    if (field.required && field.kind !== 'boolean' && (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))) errors[field.key] = `${field.label} is required`;
  }
  return errors;
}

/** Answers as the server takes them: blanks left out, checkboxes as true or false. */
export function answersToSend(fields: readonly FormField[], answers: Record<string, AnswerValue>): Record<string, AnswerValue> {
  const result: Record<string, AnswerValue> = {};
  for (const field of fields) {
    const value = answers[field.key];
    if (field.kind === 'boolean') result[field.key] = value === true;
    else if (typeof value === 'string' && value.trim() !== '') result[field.key] = value;
  }
  return result;
}

/** Moves an entry of a list one place up (-1) or down (+1). */
export function moved<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** A key for a question from its label: "Start date" → startDate. */
export function keyFromLabel(label: string): string {
  const words = label.toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean);
  // A key starts with a letter: leading words that are only digits are dropped.
  while (words[0] !== undefined && /^[0-9]/.test(words[0])) words.shift();
  return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('').slice(0, 40);
}

/** The steps a request passes through, as its requester sees them. */
export function requestSteps(request: ServiceRequest): { label: string; done: boolean }[] {
  const order = ['submitted', 'awaiting-approval', 'approved', 'in-fulfilment', 'awaiting-requester', 'fulfilled', 'closed'];
  const at = order.indexOf(request.status);
  const reached = (status: string) => at >= order.indexOf(status);
  const steps = [{ label: 'Submitted', done: true }];
  if (request.approverId) steps.push({ label: 'Approved', done: reached('approved') });
  steps.push({ label: 'In fulfilment', done: reached('in-fulfilment') }, { label: 'Fulfilled', done: reached('fulfilled') }, { label: 'Closed', done: reached('closed') });
  return steps;
}

/** The due time as a requester reads it: a date, or why there is none. */
export function dueText(request: ServiceRequest, timeZone: string): string {
  if (request.status === 'awaiting-approval') return 'After approval';
  if (request.status === 'awaiting-requester') return 'Waiting for you';
  if (['rejected', 'cancelled'].includes(request.status)) return '—';
  return formatInstant(request.dueAt, timeZone);
}

/**
 * 8.6.2: the earlier tasks still open that a task waits for; the server refuses to finish it before them.
 * The API types every record field as nullable; the server numbers every task, so a missing position only counts as first.
 */
export function tasksWaitedFor<T extends { position: number | null; status: string }>(tasks: readonly T[], task: T): T[] {
  const position = (t: T) => t.position ?? 0;
  return tasks.filter((t) => t.status === 'open' && position(t) < position(task)).sort((a, b) => position(a) - position(b));
}

/** An answer as the model's question expects it read: Yes/No, a date, or the text. */
export function answerText(field: FormField, value: AnswerValue | undefined): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field.kind === 'boolean') return value ? 'Yes' : 'No';
  if (field.kind === 'date' && typeof value === 'string') return formatCalendarDate(value);
  return String(value);
}
