import { Anchor, Badge, Paper, Table, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSignedIn } from '../app/session';
import { formatInstant } from '../shared/format';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { PageNav, usePagedList } from '../shared/ui/PagedList';
import { statusWords } from './portal-incident';
import type { PortalIncident } from './types';

/** Incidents a page of the portal lists; the rest are a page away. */
const pageSize = 10;

/** The portal's list of incidents the signed-in person reported, newest first, a page at a time. */
export function MyIncidents() {
  const session = useSignedIn();
  const paged = usePagedList<PortalIncident>(`/api/incidents?callerId=${session.user.id}&sort=-createdAt`, pageSize);
  const incidents = paged.list;
  const tz = session.user.timeZone;
  const items = incidents.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="my-incidents-heading">
      <Title order={2} size="h3" id="my-incidents-heading" mb="sm">My incidents</Title>
      {incidents.error ? <ErrorState error={incidents.error} onRetry={incidents.reload} /> : null}
      {!incidents.data && !incidents.error ? <LoadingState label="Loading your incidents…" /> : null}
      {incidents.data && items.length === 0 && paged.trail.before.length === 0 ? <EmptyState title="No incidents reported">Problems you report appear here.</EmptyState> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Caption>The problems you reported, newest first</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Reference</Table.Th>
                <Table.Th scope="col">What</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Reported</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td><Anchor component={Link} to={`/portal/incidents/${i.reference}`}>{i.reference}</Anchor></Table.Td>
                  <Table.Td>{i.shortDescription}</Table.Td>
                  <Table.Td><Badge variant="light" tt="none" radius="sm">{statusWords(i.status)}</Badge></Table.Td>
                  <Table.Td>{formatInstant(i.createdAt, tz)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <PageNav paged={paged} noun="incidents" label="Pages of my incidents" />
    </Paper>
  );
}
