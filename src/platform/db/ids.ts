import { v7 } from 'uuid';

/** Time-ordered ids: new rows land at the end of every index. */
export function newId(): string {
  return v7();
}

export const uuidPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
