import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMetadata } from '../app/metadata';
import { useSignedIn } from '../app/session';
import { get } from '../shared/api';
import type { RecordPage, RecordType } from '../shared/types';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { RecordSummaryTable } from './RecordSummaryTable';

interface Queue {
  recordType: RecordType;
  page: RecordPage;
}

const queueQuery = 'owner=me&category=open&sort=-updatedAt&limit=50&count=true';

/** Open records the signed-in person owns, across every type they may read. */
export function MyWorkPage() {
  usePageTitle('My work');
  const session = useSignedIn();
  const { types } = useMetadata();
  const readable = types.filter((t) => t.permissions.read);
  const queues = useAsync<Queue[]>(`my-work ${readable.map((t) => t.plural).join(',')}`, (signal) =>
    Promise.all(readable.map(async (recordType) => ({ recordType, page: await get<RecordPage>(`/api/${recordType.plural}?${queueQuery}`, signal) }))),
  );
  const nonEmpty = queues.data?.filter((q) => q.page.items.length > 0) ?? [];

  return (
    <Stack>
      <div>
        <Title order={1}>My work</Title>
        <Text c="dimmed">Open records you own, {session.user.displayName}.</Text>
      </div>
      {queues.error ? <ErrorState error={queues.error} onRetry={queues.reload} /> : null}
      {queues.loading && !queues.data ? <LoadingState label="Loading your work…" /> : null}
      {queues.data && nonEmpty.length === 0 ? <EmptyState title="Nothing is waiting for you">Open records you own will appear here.</EmptyState> : null}
      {nonEmpty.map(({ recordType, page }) => (
        <Paper key={recordType.type} withBorder p="md" component="section" aria-labelledby={`queue-${recordType.type}`}>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h3" id={`queue-${recordType.type}`}>
              {recordType.labelPlural} ({page.total ?? page.items.length})
            </Title>
            <Anchor component={Link} to={`/records/${recordType.plural}?owner=me&category=open`}>
              Open the full list
            </Anchor>
          </Group>
          <RecordSummaryTable recordType={recordType} records={page.items} caption={`Open ${recordType.labelPlural.toLowerCase()} you own`} />
        </Paper>
      ))}
    </Stack>
  );
}
