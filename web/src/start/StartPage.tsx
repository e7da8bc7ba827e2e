import { Stack, Text, Title } from '@mantine/core';
import { useSignedIn } from '../app/session';
import { get } from '../shared/api';
import { ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { AuditSection } from './AuditSection';
import { OverviewSection } from './OverviewSection';
import type { StartPageData } from './start-view';
import { ApprovalsSection, WorkSection } from './WorkSections';

/** Where staff land: the sections their roles see (GET /api/start decides which), in its order. */
export function StartPage() {
  usePageTitle('Start');
  const session = useSignedIn();
  const start = useAsync<StartPageData>('start-page', (signal) => get<StartPageData>('/api/start', signal));
  const data = start.data;
  return (
    <Stack>
      <div>
        <Title order={1}>Start</Title>
        <Text c="dimmed">What needs you, {session.user.displayName}, from the records as they stand.</Text>
      </div>
      {start.error ? <ErrorState error={start.error} onRetry={start.reload} /> : null}
      {start.loading && !data ? <LoadingState label="Loading your start page…" /> : null}
      {data && data.sections.length === 0 ? <Text>Your roles have no start page sections. Use the navigation to open the records you may read.</Text> : null}
      {data?.sections.map((section) => {
        switch (section) {
          case 'overview': return data.overview ? <OverviewSection key={section} overview={data.overview} /> : null;
          case 'audit': return data.audit ? <AuditSection key={section} audit={data.audit} /> : null;
          case 'work': return data.work ? <WorkSection key={section} work={data.work} /> : null;
          case 'approvals': return data.approvals ? <ApprovalsSection key={section} approvals={data.approvals} /> : null;
        }
      })}
    </Stack>
  );
}
