import { Button, Grid, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../app/NotFoundPage';
import { useMetadata } from '../app/metadata';
import { useSignedIn } from '../app/session';
import { ApiError, request } from '../shared/api';
import { formatInstant } from '../shared/format';
import type { AllowedTransition, RecordData, RecordType } from '../shared/types';
import { StatusBadge } from '../shared/ui/StatusBadge';
import { ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { AttachmentsPanel } from './AttachmentsPanel';
import { CommentsPanel } from './CommentsPanel';
import { FieldValueView, useFieldFormatter } from './fields';
import { HistoryTimeline } from './HistoryTimeline';
import { LinksPanel } from './LinksPanel';
import { TransitionModal } from './TransitionModal';
import { useRecordType } from './useRecordType';
import { notify } from '../shared/ui/notify';
import { recordActionExtensions, recordPanelExtensions } from '../app/recordExtensions';
import { PageTrail } from '../shared/ui/PageTrail';

interface Loaded {
  record: RecordData;
  etag: string | null;
}

export function RecordDetailPage() {
  const recordType = useRecordType();
  const { key = '' } = useParams();
  if (!recordType) return <NotFoundPage what="record" />;
  return <RecordDetail key={`${recordType.type}/${key}`} recordType={recordType} recordKey={key} />;
}

function RecordDetail({ recordType, recordKey }: { recordType: RecordType; recordKey: string }) {
  const loaded = useAsync<Loaded>(`${recordType.plural}/${recordKey}`, async (signal) => {
    const { data, etag } = await request<RecordData>(`/api/${recordType.plural}/${encodeURIComponent(recordKey)}`, { signal });
    return { record: data, etag };
  });
  const [historyKey, setHistoryKey] = useState(0);
  const [transition, setTransition] = useState<AllowedTransition | null>(null);
  const record = loaded.data?.record;
  usePageTitle(record ? `${record.reference} ${String(record[recordType.titleField] ?? '')}` : recordType.label);

  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage what="record" />;
  if (loaded.error && !record) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!record || !loaded.data) return <LoadingState label="Loading the record…" />;

  const bumpHistory = () => setHistoryKey((n) => n + 1);
  const title = String(record[recordType.titleField] ?? '');
  const transitions = record.allowedTransitions ?? [];

  return (
    <Stack gap="md">
      <PageTrail above={[{ label: recordType.labelPlural, to: `/records/${recordType.plural}` }]} current={record.reference} />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>
            {record.reference} · {title}
          </Title>
          <Group gap="xs">
            <Text size="sm">Status</Text>
            <StatusBadge recordType={recordType} status={record.status} label={record.statusLabel} />
          </Group>
        </Stack>
        <Group gap="xs" role="group" aria-label="Actions">
          {recordActionExtensions[recordType.type]?.(record.reference)}
          {transitions.map((t) =>
            t.permitted ? (
              <Button key={t.to} onClick={() => setTransition(t)} variant={t.to === 'rejected' ? 'default' : 'filled'}>
                {t.label}
              </Button>
            ) : (
              <Tooltip key={t.to} label="Your roles do not allow this step">
                <Button variant="default" data-disabled aria-disabled onClick={(e) => e.preventDefault()}>
                  {t.label}
                </Button>
              </Tooltip>
            ),
          )}
          {recordType.permissions.update ? (
            <Button component={Link} to={`/records/${recordType.plural}/${record.reference}/edit`} variant="default">
              Edit
            </Button>
          ) : null}
        </Group>
      </Group>

      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <RecordFields recordType={recordType} record={record} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <RecordFacts record={record} />
        </Grid.Col>
      </Grid>

      {recordPanelExtensions[recordType.type]?.(record, () => {
        loaded.reload();
        bumpHistory();
      })}

      <Tabs defaultValue="comments" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="comments">Comments</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
          <Tabs.Tab value="links">Links</Tabs.Tab>
          <Tabs.Tab value="attachments">Attachments</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="comments" pt="md">
          <CommentsPanel recordType={recordType} recordKey={record.reference} onAdded={bumpHistory} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTimeline recordType={recordType} recordKey={record.reference} refreshKey={historyKey} />
        </Tabs.Panel>
        <Tabs.Panel value="links" pt="md">
          <LinksPanel recordType={recordType} recordKey={record.reference} canEdit={recordType.permissions.update} onChanged={bumpHistory} />
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="md">
          <AttachmentsPanel recordType={recordType} recordKey={record.reference} canEdit={recordType.permissions.update} onChanged={bumpHistory} />
        </Tabs.Panel>
      </Tabs>

      <TransitionModal
        recordType={recordType}
        record={record}
        etag={loaded.data.etag}
        transition={transition}
        onClose={() => setTransition(null)}
        onReload={() => {
          setTransition(null);
          loaded.reload();
        }}
        onDone={(next, etag) => {
          setTransition(null);
          loaded.setData({ record: next, etag });
          bumpHistory();
          notify(`${next.reference} is now ${next.statusLabel}.`);
        }}
      />
    </Stack>
  );
}

function RecordFields({ recordType, record }: { recordType: RecordType; record: RecordData }) {
  const format = useFieldFormatter();
  const shown = recordType.fields.filter((f) => !f.transitionOnly || (record[f.name] !== null && record[f.name] !== undefined));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="fields-heading">
      <Title order={2} size="h4" id="fields-heading" mb="sm">
        Details
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
        {shown.map((field) => (
          <div key={field.name} style={field.kind === 'longText' || field.kind === 'json' ? { gridColumn: '1 / -1' } : undefined}>
            <Text component="dt" size="sm" fw={600} c="gray.8">
              {field.label}
            </Text>
            <Text component="dd" m={0} className="field-value" data-field={field.name} style={field.kind === 'json' ? { whiteSpace: 'pre-line' } : undefined}>
              <FieldValueView field={field} value={record[field.name]} format={format} title={record.referenceTitles?.[field.name]} />
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function RecordFacts({ record }: { record: RecordData }) {
  const session = useSignedIn();
  const { personName } = useMetadata();
  const tz = session.user.timeZone;
  const facts: [string, string][] = [
    ['Owner', personName(record.ownerId)],
    ['Created', `${formatInstant(record.createdAt, tz)} by ${personName(record.createdBy)}`],
    ['Last updated', `${formatInstant(record.updatedAt, tz)} by ${personName(record.updatedBy)}`],
    ['Version', String(record.version)],
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="facts-heading">
      <Title order={2} size="h4" id="facts-heading" mb="sm">
        Record
      </Title>
      <Stack gap="xs" component="dl" m={0}>
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" fw={600} c="gray.8">
              {label}
            </Text>
            <Text component="dd" m={0} size="sm">
              {value}
            </Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
