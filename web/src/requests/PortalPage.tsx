import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSignedIn } from '../app/session';
import { get } from '../shared/api';
import { formatInstant } from '../shared/format';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { PageNav, usePagedList } from '../shared/ui/PagedList';
import { MyIncidents } from '../portal-incidents/MyIncidents';
import { dueText } from './request-logic';
import type { CatalogueService, ServiceRequest } from './types';

/** The requester portal: what can be requested, by service, and the person's own requests. */
export function PortalPage() {
  usePageTitle('Request portal');
  const session = useSignedIn();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const catalogue = useAsync(`catalogue ${query}`, (signal) => get<{ services: CatalogueService[] }>(`/api/request-catalogue${query ? `?q=${encodeURIComponent(query)}` : ''}`, signal));
  const canReportIncident = session.permissions.includes('incidents:create');

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Request portal</Title>
        <Text c="dimmed">Ask for something from the catalogue, follow your requests, or report a problem.</Text>
      </div>
      <Group align="flex-end" justify="space-between">
        <form role="search" aria-label="Search the request catalogue" onSubmit={(e) => { e.preventDefault(); setQuery(search.trim()); }} style={{ flex: 1, maxWidth: 520 }}>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput style={{ flex: 1 }} label="Search the catalogue" placeholder="e.g. laptop, mailbox, VPN" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
            <Button type="submit" variant="light">Search</Button>
          </Group>
        </form>
        {canReportIncident ? (
          <Button component={Link} to="/portal/incidents/new" variant="default">
            Report a problem (incident)
          </Button>
        ) : null}
      </Group>

      <section aria-labelledby="catalogue-heading">
        <Title order={2} size="h3" id="catalogue-heading" mb="sm">What can we do for you?</Title>
        {catalogue.error ? <ErrorState error={catalogue.error} onRetry={catalogue.reload} /> : null}
        {!catalogue.data && !catalogue.error ? <LoadingState label="Loading the catalogue…" /> : null}
        {catalogue.data && catalogue.data.services.length === 0 ? <EmptyState title="Nothing found">Try other words, or clear the search.</EmptyState> : null}
        <Stack gap="md">
          {catalogue.data?.services.map((service) => (
            <div key={service.reference} role="group" aria-labelledby={`svc-${service.reference}`}>
              <Title order={3} size="h4" id={`svc-${service.reference}`} mb="xs">{service.name}</Title>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                {service.models.map((model) => (
                  <Card key={model.reference} withBorder padding="md" component="article" aria-label={model.name}>
                    <Stack gap="xs" h="100%" justify="space-between">
                      <div>
                        <Text fw={600}>{model.name}</Text>
                        {model.description ? <Text size="sm" c="dimmed">{model.description}</Text> : null}
                      </div>
                      <Group justify="space-between" align="center">
                        <Group gap={4}>
                          {model.approvalRequired ? <Badge variant="outline" color="gray.8" tt="none">Needs approval</Badge> : null}
                          {model.fulfilmentTargetHours ? <Badge variant="outline" color="gray.8" tt="none">Target {model.fulfilmentTargetHours} working hours</Badge> : null}
                        </Group>
                        <Button component={Link} to={`/portal/new/${model.reference}`} size="xs" aria-label={`Request ${model.name}`}>
                          Request
                        </Button>
                      </Group>
                    </Stack>
                  </Card>
                ))}
              </SimpleGrid>
            </div>
          ))}
        </Stack>
      </section>

      <MyRequests />
      {canReportIncident ? <MyIncidents /> : null}
    </Stack>
  );
}

/** Requests a page of the portal lists; the rest are a page away. */
const pageSize = 10;

/** The person's own requests, newest first, a page at a time. */
function MyRequests() {
  const session = useSignedIn();
  const paged = usePagedList<ServiceRequest>(`/api/service-requests?requesterId=${session.user.id}&sort=-createdAt`, pageSize);
  const requests = paged.list;
  const tz = session.user.timeZone;
  const items = requests.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="my-requests-heading">
      <Title order={2} size="h3" id="my-requests-heading" mb="sm">My requests</Title>
      {requests.error ? <ErrorState error={requests.error} onRetry={requests.reload} /> : null}
      {!requests.data && !requests.error ? <LoadingState label="Loading your requests…" /> : null}
      {requests.data && items.length === 0 && paged.trail.before.length === 0 ? <EmptyState title="No requests yet">Requests you raise appear here.</EmptyState> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Caption>Your latest requests, newest first</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Reference</Table.Th>
                <Table.Th scope="col">What</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Raised</Table.Th>
                <Table.Th scope="col">Due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td><Anchor component={Link} to={`/portal/requests/${r.reference}`}>{r.reference}</Anchor></Table.Td>
                  <Table.Td>{r.shortDescription}</Table.Td>
                  <Table.Td><Badge variant="light" tt="none" radius="sm">{r.status === 'fulfilled' ? 'Fulfilled — please confirm' : r.statusLabel}</Badge></Table.Td>
                  <Table.Td>{formatInstant(r.createdAt, tz)}</Table.Td>
                  <Table.Td>{dueText(r, tz)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <PageNav paged={paged} noun="requests" label="Pages of my requests" />
    </Paper>
  );
}

