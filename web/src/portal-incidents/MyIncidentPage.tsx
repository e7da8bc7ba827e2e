import { Alert, Badge, Grid, Group, Paper, SimpleGrid, Stack, Stepper, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { NotFoundPage } from '../app/NotFoundPage';
import { useSignedIn } from '../app/session';
import { ApiError, get, request } from '../shared/api';
import { formatInstant } from '../shared/format';
import { notify } from '../shared/ui/notify';
import { ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { ConfirmFixPanel } from './ConfirmFixPanel';
import { categoryChoices, impactChoices, incidentSteps, requesterActions, statusWords, urgencyChoices, type Choice } from './portal-incident';
import { PublicMessages } from '../shared/ui/PublicMessages';
import type { PortalIncident, ServiceChoice } from './types';
import { PageTrail } from '../shared/ui/PageTrail';

interface Loaded {
  incident: PortalIncident;
  etag: string | null;
  serviceName: string | null;
}

/** An incident as the person who reported it follows it: status, progress, messages, and confirming the fix. */
export function MyIncidentPage() {
  const { key = '' } = useParams();
  const session = useSignedIn();
  const loaded = useAsync<Loaded>(`my-incident ${key}`, async (signal) => {
    const { data, etag } = await request<PortalIncident>(`/api/incidents/${encodeURIComponent(key)}`, { signal });
    // A retired service is no longer in the requester's view of the catalogue: its reference stands in.
    const service = data.service ? await get<ServiceChoice>(`/api/services/${data.service}`, signal).catch(() => null) : null;
    return { incident: data, etag, serviceName: service?.name ?? data.service };
  });
  const incident = loaded.data?.incident;
  usePageTitle(incident ? `${incident.reference} ${incident.shortDescription}` : 'Incident');
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage what="incident" />;
  if (loaded.error && !incident) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!incident || !loaded.data) return <LoadingState label="Loading your incident…" />;
  const tz = session.user.timeZone;
  const offers = requesterActions(incident, session.user.id);
  const steps = incidentSteps(incident.status);
  const done = (next: PortalIncident, etag: string | null, message: string) => {
    notify(message);
    loaded.setData({ ...loaded.data!, incident: next, etag });
  };

  return (
    <Stack gap="md">
      <PageTrail above={[{ label: 'Request portal', to: '/portal' }]} current={incident.reference} />
      <Stack gap={4}>
        <Title order={1}>{incident.reference} · {incident.shortDescription}</Title>
        <Group gap="xs">
          <Text size="sm">Status</Text>
          <Badge variant="light" radius="sm" tt="none" data-testid="incident-status">{statusWords(incident.status)}</Badge>
        </Group>
      </Stack>
      <Paper withBorder p="md" component="section" aria-labelledby="progress-heading">
        <Title order={2} size="h3" id="progress-heading" mb="sm">Progress</Title>
        <Stepper active={steps.filter((s) => s.done).length} size="sm" allowNextStepsSelect={false} aria-label="Progress of your incident">
          {steps.map((step) => <Stepper.Step key={step.label} label={step.label} />)}
        </Stepper>
        {incident.status === 'awaiting-caller' ? <Alert mt="md" color="yellow" title="We need something from you">Read the latest message and reply below.</Alert> : null}
      </Paper>
      {offers.confirm || offers.reopen ? <ConfirmFixPanel incident={incident} etag={loaded.data.etag} offers={offers} onDone={done} /> : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="messages-heading">
            <Title order={2} size="h3" id="messages-heading" mb="sm">Messages</Title>
            <PublicMessages commentsUrl={`/api/incidents/${incident.reference}/comments`} version={incident.version} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="details-heading">
            <Title order={2} size="h3" id="details-heading" mb="sm">Details</Title>
            <SimpleGrid cols={1} spacing="xs" component="dl" m={0}>
              <Fact label="Reported">{formatInstant(incident.createdAt, tz)}</Fact>
              <Fact label="Last updated">{formatInstant(incident.updatedAt, tz)}</Fact>
              {incident.resolvedAt ? <Fact label="Resolved">{formatInstant(incident.resolvedAt, tz)}</Fact> : null}
              {incident.closedAt ? <Fact label="Closed">{formatInstant(incident.closedAt, tz)}</Fact> : null}
              {incident.resolutionNotes ? <Fact label="How it was resolved">{incident.resolutionNotes}</Fact> : null}
              <Fact label="Service">{loaded.data.serviceName ?? 'Not given'}</Fact>
              <Fact label="Kind of problem">{labelOf(categoryChoices, incident.category)}</Fact>
              <Fact label="Affects">{labelOf(impactChoices, incident.impact)}</Fact>
              <Fact label="Urgency">{labelOf(urgencyChoices, incident.urgency)}</Fact>
              {incident.description ? <Fact label="Details">{incident.description}</Fact> : null}
            </SimpleGrid>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function labelOf(choices: Choice[], value: string | null): string {
  return choices.find((c) => c.value === value)?.label ?? value ?? '—';
}

function Fact({ label, children }: { label: string; children: string }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600} c="gray.8">{label}</Text>
      <Text component="dd" m={0} size="sm" className="field-value">{children}</Text>
    </div>
  );
}
