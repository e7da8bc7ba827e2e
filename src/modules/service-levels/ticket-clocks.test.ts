import { describe, expect, it } from 'vitest';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { registerTicketClockSource, ticketClockSources, type TicketClock, type TicketClockSource, type WatchedTicket } from './ticket-clocks.js';

const recordOf = (type: string) => ({ type }) as unknown as RecordTypeDefinition;

function sourceOf(type: string, ids: string[]): TicketClockSource<WatchedTicket, TicketClock> {
  return {
    record: recordOf(type),
    breachField: 'incident',
    toReplay: async () => ids,
    load: async () => [],
    startPass: async () => ({ replay: async () => [] }),
    store: async () => undefined,
    clockRows: () => { throw new Error('not used'); },
    breachedClocks: async () => [],
  };
}

describe('ticket clock sources', () => {
  it('keeps one source per record type, a second registration replacing the first, and hands each its own types', async () => {
    const before = ticketClockSources().length;
    registerTicketClockSource(sourceOf('test-ticket', ['a']));
    registerTicketClockSource(sourceOf('test-ticket', ['b']));
    const mine = ticketClockSources().filter((s) => s.record.type === 'test-ticket');
    expect(ticketClockSources()).toHaveLength(before + 1);
    expect(mine).toHaveLength(1);
    expect(await mine[0]!.toReplay(null as never, 0)).toEqual(['b']);
    expect(await mine[0]!.use((source) => source.load(null as never, ['b']))).toEqual([]);
  });
});
