import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSignedIn } from '../app/session';
import { get } from '../shared/api';
import { formatInstant } from '../shared/format';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { formatMinutes } from './CalendarEditor';
import { weeklyMinutes, type BusinessCalendar } from './calendar-form';

/** 8.3.3: the business calendars SLA, OLA and contract targets count in. */
export function CalendarsPage() {
  usePageTitle('Business calendars');
  const session = useSignedIn();
  const calendars = useAsync('calendars', (signal) => get<{ items: BusinessCalendar[] }>('/api/calendars?limit=200', signal));
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={1}>Business calendars</Title>
        {session.permissions.includes('calendars:write') ? <Button component={Link} to="/calendars/new">New calendar</Button> : null}
      </Group>
      <Text c="dimmed" size="sm">
        Working hours, time zone and holidays. Agreements count their targets in one of these, and a change applies to clocks from then on.
      </Text>
      <Paper withBorder>
        {calendars.error ? <ErrorState error={calendars.error} onRetry={calendars.reload} /> : null}
        {calendars.loading && !calendars.data ? <LoadingState label="Loading calendars…" /> : null}
        {calendars.data && calendars.data.items.length === 0 ? <EmptyState title="No business calendars yet">Create one before agreeing targets in business hours.</EmptyState> : null}
        {calendars.data && calendars.data.items.length > 0 ? (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Calendar</Table.Th>
                <Table.Th scope="col">Time zone</Table.Th>
                <Table.Th scope="col">Working time a week</Table.Th>
                <Table.Th scope="col">Holidays</Table.Th>
                <Table.Th scope="col">Last changed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calendars.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/calendars/${c.id}`} fw={600}>{c.name}</Anchor>
                    <Text size="xs" c="dimmed">{c.id}</Text>
                  </Table.Td>
                  <Table.Td>{c.timeZone}</Table.Td>
                  <Table.Td>{formatMinutes(weeklyMinutes(c.workingHours))}</Table.Td>
                  <Table.Td>{c.holidays.length}</Table.Td>
                  <Table.Td>{formatInstant(c.updatedAt, session.user.timeZone)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Paper>
    </Stack>
  );
}
