/** What the ordering rules need to know about a fulfilment task. */
export interface TaskPlace {
  reference: string;
  position: number;
  status: string;
}

/** Tasks still to do, in order. */
export function openTasks(tasks: readonly TaskPlace[]): TaskPlace[] {
  return tasks.filter((t) => t.status === 'open').sort((a, b) => a.position - b.position);
}

/**
 * 8.6.2: fulfilment follows the model's order. The tasks that stop the one at `position` from
 * being finished: earlier tasks neither done nor skipped.
 */
export function tasksBefore(tasks: readonly TaskPlace[], position: number): TaskPlace[] {
  return openTasks(tasks).filter((t) => t.position < position);
}

/** The position a task added to a request takes: after the last one. */
export function nextPosition(tasks: readonly TaskPlace[]): number {
  return tasks.reduce((max, t) => Math.max(max, t.position), 0) + 1;
}
