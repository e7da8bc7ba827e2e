import { Anchor, Badge, Button, Checkbox, Chip, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMetadata } from '../app/metadata';
import { get } from '../shared/api';
import type { ApiResponse } from '../shared/api-schema';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { countdownText, humanStatus, slaState, type SlaState } from './countdown';

/** GET /api/incident-queue: the generated type (`npm run api-types`). */
type QueuePageData = ApiResponse<'incident-queue'>;
type QueueItem = QueuePageData['items'][number];
export type QueueClock = NonNullable<QueueItem['clock']>;

const pageSize = 50;
const priorities = ['P1', 'P2', 'P3', 'P4'];

/** Badge text and colour: the text says the state, so colour is never the only signal. */
const badges: Record<SlaState, { label: string; color: string; row?: string }> = {
  breached: { label: 'Breached', color: 'red.9', row: 'var(--mantine-color-red-0)' },
  'at-risk': { label: 'At risk', color: 'yellow.4', row: 'var(--mantine-color-yellow-0)' },
  paused: { label: 'Paused', color: 'gray.7' },
  'on-track': { label: 'On track', color: 'teal.9' },
  none: { label: 'No SLA', color: 'gray.7' },
};

/** The server's time, ticking each second on the client (offset by the clock difference seen at load). */
function useServerNow(serverNow: number | undefined): number {
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (serverNow !== undefined) setOffset(serverNow - Date.now());
  }, [serverNow]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now + offset;
}

/** 8.6.1: the agents' queue — open incidents in the order their SLA clocks run out. */
export function QueuePage() {
  usePageTitle('Queue');
  const { personName } = useMetadata();
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const query = new URLSearchParams();
  for (const key of ['assignmentGroup', 'assigneeId', 'priority', 'atRisk', 'breached', 'sort']) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  const filterKey = query.toString();
  const [seenFilterKey, setSeenFilterKey] = useState(filterKey);
  if (seenFilterKey !== filterKey) {
    setSeenFilterKey(filterKey);
    setCursors([]);
    setCursor(null);
  }
  query.set('limit', String(pageSize));
  if (cursor) query.set('cursor', cursor);
  const queue = useAsync(`queue?${query}`, (signal) => get<QueuePageData>(`/api/incident-queue?${query}`, signal));
  const now = useServerNow(queue.data?.now);
  const { reload } = queue;
  // Fresh figures every minute: what the watch and other agents changed.
  useEffect(() => {
    const timer = setInterval(reload, 60_000);
    return () => clearInterval(timer);
  }, [reload]);

  function update(updates: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(updates)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  }
  const chosen = params.get('priority')?.split(',').filter(Boolean) ?? [];
  const page = queue.data;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Queue</Title>
          <Text c="dimmed" size="sm">
            Open incidents in the order their SLA clocks run out (ISO/IEC 20000-1 clause 8.6.1). Times count down each second.
          </Text>
        </div>
        <Button component="a" href={`/api/incident-queue?${new URLSearchParams([...new URLSearchParams(filterKey), ['format', 'csv']])}`} variant="default" download="incident-queue.csv">
          Export CSV
        </Button>
      </Group>
      <Group align="flex-end" gap="md" component="form" aria-label="Queue filters" onSubmit={(e) => e.preventDefault()}>
        <TextInput label="Assignment group" placeholder="Any group" defaultValue={params.get('assignmentGroup') ?? ''} onBlur={(e) => update({ assignmentGroup: e.currentTarget.value.trim() || null })} onKeyDown={(e) => { if (e.key === 'Enter') update({ assignmentGroup: e.currentTarget.value.trim() || null }); }} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="queue-priority">Priority</Text>
          <Chip.Group multiple value={chosen} onChange={(value) => update({ priority: priorities.filter((p) => value.includes(p)).join(',') || null })}>
            <Group gap={6} role="group" aria-labelledby="queue-priority">
              {priorities.map((p) => <Chip key={p} value={p} size="sm">{p}</Chip>)}
            </Group>
          </Chip.Group>
        </Stack>
        <Checkbox label="Assigned to me" checked={params.get('assigneeId') === 'me'} onChange={(e) => update({ assigneeId: e.currentTarget.checked ? 'me' : null })} />
        <Checkbox label="At risk" checked={params.get('atRisk') === 'true'} onChange={(e) => update({ atRisk: e.currentTarget.checked ? 'true' : null })} />
        <Checkbox label="Breached" checked={params.get('breached') === 'true'} onChange={(e) => update({ breached: e.currentTarget.checked ? 'true' : null })} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="queue-sort">Order by</Text>
          <SegmentedControl aria-labelledby="queue-sort" value={params.get('sort') ?? 'due'} onChange={(value) => update({ sort: value === 'due' ? null : value })}
            data={[{ value: 'due', label: 'Due first' }, { value: 'priority', label: 'Priority' }, { value: 'created', label: 'Oldest first' }]} />
        </Stack>
      </Group>

      {queue.error ? <ErrorState error={queue.error} onRetry={queue.reload} /> : null}
      {queue.loading && !page ? <LoadingState label="Loading the queue…" /> : null}
      {page && !queue.error ? (
        page.items.length === 0 ? (
          <EmptyState title="Nothing in the queue">{filterKey ? 'No open incident matches these filters.' : 'There are no open incidents.'}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" data-testid="incident-queue">
              <Table.Caption>Open incidents, {params.get('sort') === 'priority' ? 'highest priority first' : params.get('sort') === 'created' ? 'oldest first' : 'due first'}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {['Reference', 'Short description', 'Priority', 'Group', 'Assignee', 'Status', 'SLA', 'Time left', 'Used', 'Escalation'].map((label) => <Table.Th key={label} scope="col">{label}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((item) => {
                  const state = slaState(item.clock, now);
                  const badge = badges[state];
                  return (
                    <Table.Tr key={item.id} data-sla={state} style={badge.row ? { background: badge.row } : undefined}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Anchor component={Link} to={`/records/incidents/${item.reference}`} fw={600}>{item.reference}</Anchor>
                      </Table.Td>
                      <Table.Td>{item.shortDescription}</Table.Td>
                      <Table.Td>{item.priority}</Table.Td>
                      <Table.Td>{item.assignmentGroup ?? '—'}</Table.Td>
                      <Table.Td>{item.assigneeId ? personName(item.assigneeId) : '—'}</Table.Td>
                      <Table.Td>{humanStatus(item.status)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Badge color={badge.color} variant={state === 'breached' || state === 'at-risk' ? 'filled' : 'outline'} tt="none" radius="sm" autoContrast style={{ overflow: 'visible', flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>{badge.label}</Badge>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="countdown" title={item.clock?.name}>
                        {countdownText(item.clock, now)}
                      </Table.Td>
                      <Table.Td>{item.clock?.percentUsed != null ? `${Math.round(item.clock.percentUsed)}%` : '—'}</Table.Td>
                      <Table.Td>{item.escalationLevel > 0 ? `Level ${item.escalationLevel}` : '—'}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      ) : null}
      {page ? (
        <Group justify="space-between" component="nav" aria-label="Pages">
          <Button variant="default" disabled={cursors.length === 0} onClick={() => { setCursor(cursors[cursors.length - 1] || null); setCursors(cursors.slice(0, -1)); }}>Previous page</Button>
          <Button variant="default" disabled={!page.nextCursor} onClick={() => { setCursors([...cursors, cursor ?? '']); setCursor(page.nextCursor); }}>Next page</Button>
        </Group>
      ) : null}
    </Stack>
  );
}
