import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMetadata } from '../app/metadata';
import { useSignedIn } from '../app/session';
import { formatInstant } from '../shared/format';
import { EmptyState } from '../shared/ui/states';
import { dueState, dueText, queueLink, type DueState, type StartPageData, type WorkItem } from './start-view';

const badges: Record<DueState, { label: string; color: string }> = {
  breached: { label: 'Breached', color: 'red.9' },
  'at-risk': { label: 'At risk', color: 'yellow.4' },
  paused: { label: 'Paused', color: 'gray.7' },
  'on-track': { label: 'On track', color: 'teal.9' },
  none: { label: 'No target', color: 'gray.7' },
};

const kindLabels: Record<WorkItem['kind'], string> = { incident: 'Incident', 'service-request': 'Service request', 'request-task': 'Fulfilment task' };

function WorkTable({ items, now, caption, testId }: { items: WorkItem[]; now: number; caption: string; testId: string }) {
  const { types } = useMetadata();
  const session = useSignedIn();
  const plural = (type: string) => types.find((t) => t.type === type)?.plural ?? `${type}s`;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table data-testid={testId} highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Reference</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Group</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Target</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const state = dueState(item, now);
            const badge = badges[state];
            return (
              <Table.Tr key={item.reference} data-sla={state}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/records/${plural(item.kind)}/${item.reference}`}>{item.reference}</Anchor>
                </Table.Td>
                <Table.Td>
                  {item.title}
                  {item.request ? (
                    <Text size="xs" c="dimmed">
                      for <Anchor component={Link} to={`/records/${plural('service-request')}/${item.request}`} size="xs" underline="always">{item.request}</Anchor>
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{kindLabels[item.kind]}{item.priority ? ` · ${item.priority}` : ''}</Table.Td>
                <Table.Td>{item.group ?? '—'}</Table.Td>
                <Table.Td>
                  <span title={item.dueAt === null ? undefined : formatInstant(new Date(item.dueAt).toISOString(), session.user.timeZone)}>{dueText(item, now)}</span>
                </Table.Td>
                <Table.Td>
                  <Badge color={badge.color} variant={state === 'breached' || state === 'at-risk' ? 'filled' : 'outline'} tt="none" radius="sm" autoContrast style={{ overflow: 'visible', flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>{badge.label}</Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Agents and resolvers: their own work and their groups' unassigned work, soonest due first. */
export function WorkSection({ work }: { work: NonNullable<StartPageData['work']> }) {
  const incidents = work.kinds.includes('incident');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="start-work">
      <Title order={2} size="h3" id="start-work" mb="xs">Your work</Title>
      <Stack gap="lg">
        <div>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h4" id="start-assigned">Assigned to you ({work.assigned.length === work.limit ? `the ${work.limit} due first` : work.assigned.length})</Title>
            {incidents ? <Anchor component={Link} to={queueLink({ assigneeId: 'me' })}>Your incidents in the queue</Anchor> : null}
          </Group>
          {work.assigned.length === 0 ? <EmptyState title="Nothing is assigned to you">Open incidents, service requests and fulfilment tasks with you as assignee appear here.</EmptyState>
            : <WorkTable items={work.assigned} now={work.now} caption="Assigned to you, by SLA due time: breached first" testId="start-assigned" />}
        </div>
        <div>
          <Title order={3} size="h4" id="start-unassigned" mb={4}>Unassigned in your groups ({work.unassigned.length === work.limit ? `the ${work.limit} due first` : work.unassigned.length})</Title>
          <Text size="sm" c="dimmed" mb="xs" data-testid="start-groups">
            {work.groups.length === 0
              ? 'Certus keeps no group membership: your groups are the groups of the work you are assignee of, and nothing is assigned to you yet.'
              : <>Your groups, from the work you are assignee of (Certus keeps no group membership): {work.groups.map((g, i) => (
                <span key={g}>{i > 0 ? ', ' : ''}{incidents ? <Anchor component={Link} to={queueLink({ assignmentGroup: g })} size="sm" underline="always">{g}</Anchor> : g}</span>
              ))}.</>}
          </Text>
          {work.groups.length > 0 && work.unassigned.length === 0 ? <EmptyState title="Nothing waits unassigned in your groups" /> : null}
          {work.unassigned.length > 0 ? <WorkTable items={work.unassigned} now={work.now} caption="Unassigned in your groups, by SLA due time: breached first" testId="start-unassigned" /> : null}
        </div>
      </Stack>
    </Paper>
  );
}

/** Requests waiting for the reader's approval, oldest first. */
export function ApprovalsSection({ approvals }: { approvals: NonNullable<StartPageData['approvals']> }) {
  const session = useSignedIn();
  const { types } = useMetadata();
  const plural = types.find((t) => t.type === 'service-request')?.plural ?? 'service-requests';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="start-approvals">
      <Title order={2} size="h3" id="start-approvals" mb="xs">Waiting for your approval ({approvals.items.length})</Title>
      {approvals.items.length === 0 ? <EmptyState title="No request waits for your approval">Service requests that name you as approver appear here until you decide.</EmptyState> : (
        <Table data-testid="start-approvals-table">
          <Table.Caption>Service requests awaiting your decision, oldest first; their fulfilment target starts when approved</Table.Caption>
          <Table.Thead>
            <Table.Tr><Table.Th>Reference</Table.Th><Table.Th>What</Table.Th><Table.Th>Group</Table.Th><Table.Th>Raised</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {approvals.items.map((a) => (
              <Table.Tr key={a.reference}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Anchor component={Link} to={`/records/${plural}/${a.reference}`}>{a.reference}</Anchor></Table.Td>
                <Table.Td>{a.title}</Table.Td>
                <Table.Td>{a.group ?? '—'}</Table.Td>
                <Table.Td>{formatInstant(new Date(a.createdAt).toISOString(), session.user.timeZone)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
