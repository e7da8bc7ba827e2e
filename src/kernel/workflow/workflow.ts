import type { Role } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/http/app-error.js';

export interface WorkflowState {
  id: string;
  label: string;
  /** open work, or finished (resolved, closed, rejected …): lists and KPIs group by it. */
  category: 'open' | 'done';
}

export interface WorkflowTransition {
  from: string[];
  to: string;
  label: string;
  roles: Role[];
  /** Fields that must hold a value once the transition is made. */
  requires?: string[];
}

export interface Workflow {
  initial: string;
  states: WorkflowState[];
  transitions: WorkflowTransition[];
}

/** Checks a workflow's own consistency at start-up, so a typo never reaches a user. */
export function assertWorkflow(name: string, workflow: Workflow, fieldNames: string[]): void {
  const states = new Set(workflow.states.map((s) => s.id));
  if (!states.has(workflow.initial)) throw new Error(`${name}: initial state ${workflow.initial} is not a state`);
  for (const t of workflow.transitions) {
    for (const s of [...t.from, t.to]) {
      if (!states.has(s)) throw new Error(`${name}: transition to ${t.to} names unknown state ${s}`);
    }
    for (const f of t.requires ?? []) {
      if (!fieldNames.includes(f)) throw new Error(`${name}: transition to ${t.to} requires unknown field ${f}`);
    }
  }
}

export function transitionsFrom(workflow: Workflow, status: string): WorkflowTransition[] {
  return workflow.transitions.filter((t) => t.from.includes(status));
}

export function stateLabel(workflow: Workflow, status: string): string {
  return workflow.states.find((s) => s.id === status)?.label ?? status;
}

/**
 * Finds the transition from `status` to `to` that the user may make, or explains precisely
 * why not: 409 naming the allowed targets, or 403 naming the roles that may.
 */
export function chooseTransition(workflow: Workflow, reference: string, status: string, to: string, userRoles: readonly Role[]): WorkflowTransition {
  const possible = transitionsFrom(workflow, status);
  const transition = possible.find((t) => t.to === to);
  if (!transition) {
    const allowed = possible.map((t) => `${t.to} (${t.label})`).join(', ') || 'none: this is a final state';
    throw new AppError('invalid-transition',
      `${reference} cannot move from ${stateLabel(workflow, status)} to ${stateLabel(workflow, to)}. Allowed from here: ${allowed}.`,
      { from: status, to, allowed: possible.map((t) => t.to) });
  }
  if (!userRoles.includes('administrator') && !transition.roles.some((r) => userRoles.includes(r))) {
    throw new AppError('forbidden', `Only ${transition.roles.join(', ')} may ${transition.label.toLowerCase()} ${reference}.`);
  }
  return transition;
}

export function missingRequiredFields(transition: WorkflowTransition, values: Record<string, unknown>): string[] {
  return (transition.requires ?? []).filter((f) => {
    const v = values[f];
    return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  });
}
