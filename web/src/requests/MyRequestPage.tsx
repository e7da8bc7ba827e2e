import { Badge, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { NotFoundPage } from '../app/NotFoundPage';
import { useSignedIn } from '../app/session';
import { ApiError, get, request } from '../shared/api';
import { formatInstant } from '../shared/format';
import { notify } from '../shared/ui/notify';
import { ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { answerText, dueText } from './request-logic';
import { PublicMessages } from '../shared/ui/PublicMessages';
import { RequestProgress } from './RequestProgress';
import { ConfirmPanel, WaitingActions } from './RequesterActions';
import type { FormField, RequestModelRecord, RequestTask, ServiceRequest } from './types';
import { PageTrail } from '../shared/ui/PageTrail';

interface Loaded {
  record: ServiceRequest;
  etag: string | null;
  tasks: RequestTask[];
  fields: FormField[];
}

/** A request as its requester follows it: progress, tasks, answers, messages and what they can do next. */
export function MyRequestPage() {
  const { key = '' } = useParams();
  const session = useSignedIn();
  const loaded = useAsync<Loaded>(`my-request ${key}`, async (signal) => {
    const { data, etag } = await request<ServiceRequest>(`/api/service-requests/${encodeURIComponent(key)}`, { signal });
    const [tasks, model] = await Promise.all([
      get<{ items: RequestTask[] }>(`/api/service-requests/${data.reference}/tasks`, signal),
      get<RequestModelRecord>(`/api/request-models/${data.model}`, signal).catch(() => null),
    ]);
    return { record: data, etag, tasks: tasks.items, fields: model?.formFields ?? [] };
  });
  const record = loaded.data?.record;
  usePageTitle(record ? `${record.reference} ${record.shortDescription ?? ''}` : 'Request');
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage what="request" />;
  if (loaded.error && !record) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!record || !loaded.data) return <LoadingState label="Loading your request…" />;
  const tz = session.user.timeZone;
  const done = (next: ServiceRequest, etag: string | null, message: string) => {
    notify(message);
    loaded.setData({ ...loaded.data!, record: next, etag });
    loaded.reload();
  };

  return (
    <Stack gap="md">
      <PageTrail above={[{ label: 'Request portal', to: '/portal' }]} current={record.reference} />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{record.reference} · {record.shortDescription}</Title>
          <Group gap="xs">
            <Text size="sm">Status</Text>
            <Badge variant="light" radius="sm" tt="none" data-testid="request-status">{record.statusLabel}</Badge>
          </Group>
        </Stack>
        <WaitingActions record={record} etag={loaded.data.etag} onDone={done} />
      </Group>
      <Paper withBorder p="md" component="section" aria-labelledby="progress-heading">
        <Title order={2} size="h3" id="progress-heading" mb="sm">Progress</Title>
        <RequestProgress request={record} tasks={loaded.data.tasks} />
      </Paper>
      {record.status === 'fulfilled' && record.requesterId === session.user.id ? <ConfirmPanel record={record} etag={loaded.data.etag} onDone={done} /> : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="messages-heading">
            <Title order={2} size="h3" id="messages-heading" mb="sm">Messages</Title>
            <PublicMessages commentsUrl={`/api/service-requests/${record.reference}/comments`} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="details-heading">
            <Title order={2} size="h3" id="details-heading" mb="sm">Details</Title>
            <SimpleGrid cols={1} spacing="xs" component="dl" m={0}>
              <Fact label="Raised">{formatInstant(record.createdAt, tz)}</Fact>
              <Fact label="Due">{dueText(record, tz)}</Fact>
              {record.fulfilledAt ? <Fact label="Fulfilled">{formatInstant(record.fulfilledAt, tz)}</Fact> : null}
              {record.satisfaction ? <Fact label="Your rating">{`${record.satisfaction} of 5`}</Fact> : null}
              {loaded.data.fields.map((field) => <Fact key={field.key} label={field.label}>{answerText(field, record.answers?.[field.key])}</Fact>)}
            </SimpleGrid>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: string }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600} c="gray.8">{label}</Text>
      <Text component="dd" m={0} size="sm">{children}</Text>
    </div>
  );
}
