import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useMetadata } from '../app/metadata';
import { get } from '../shared/api';
import type { RecordPage, RecordType } from '../shared/types';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { RecordSummaryTable } from './RecordSummaryTable';

interface Hits {
  recordType: RecordType;
  page: RecordPage;
}

/** Free-text search across every record type the person may read. */
export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  usePageTitle(q ? `Search: ${q}` : 'Search');
  const { types } = useMetadata();
  const readable = types.filter((t) => t.permissions.read);
  const query = new URLSearchParams({ q, limit: '10', count: 'true' }).toString();
  const results = useAsync<Hits[]>(`search ${query}`, (signal) =>
    q ? Promise.all(readable.map(async (recordType) => ({ recordType, page: await get<RecordPage>(`/api/${recordType.plural}?${query}`, signal) }))) : Promise.resolve([]),
  );
  const hits = results.data?.filter((h) => h.page.items.length > 0) ?? [];

  return (
    <Stack>
      <Title order={1}>Search results{q ? ` for “${q}”` : ''}</Title>
      {results.error ? <ErrorState error={results.error} onRetry={results.reload} /> : null}
      {results.loading ? <LoadingState label="Searching…" /> : null}
      {!results.loading && results.data && hits.length === 0 ? <EmptyState title="No records found">{q ? 'Try other words, or a reference such as IMP-000001.' : 'Type in the search box above.'}</EmptyState> : null}
      {!results.loading &&
        hits.map(({ recordType, page }) => (
          <Paper key={recordType.type} withBorder p="md" component="section" aria-labelledby={`hits-${recordType.type}`}>
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h3" id={`hits-${recordType.type}`}>
                {recordType.labelPlural} ({page.total ?? page.items.length})
              </Title>
              <Anchor component={Link} to={`/records/${recordType.plural}?q=${encodeURIComponent(q)}`}>
                See all in the list
              </Anchor>
            </Group>
            <RecordSummaryTable recordType={recordType} records={page.items} caption={`${recordType.labelPlural} matching “${q}”`} />
            {page.total !== null && page.total > page.items.length ? <Text size="sm" c="dimmed">Showing the first {page.items.length}.</Text> : null}
          </Paper>
        ))}
    </Stack>
  );
}
