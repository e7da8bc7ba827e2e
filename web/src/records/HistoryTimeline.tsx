import { Badge, Group, Stack, Text, Timeline } from '@mantine/core';
import { useSignedIn } from '../app/session';
import { useMetadata } from '../app/metadata';
import { get } from '../shared/api';
import { formatBytes, formatInstant } from '../shared/format';
import type { HistoryEvent, RecordType } from '../shared/types';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { integerText } from './fields';
import { useLookupNames } from './useLookupNames';

interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

const kindLabels: Record<HistoryEvent['kind'], string> = {
  created: 'Created',
  updated: 'Updated',
  transitioned: 'Status changed',
  commented: 'Comment',
  linked: 'Linked',
  unlinked: 'Link removed',
  attached: 'File attached',
  detached: 'File removed',
};

/** The record's append-only history, newest first. */
export function HistoryTimeline({ recordType, recordKey, refreshKey }: { recordType: RecordType; recordKey: string; refreshKey: number }) {
  const session = useSignedIn();
  const history = useAsync(`${recordType.plural}/${recordKey}/history#${refreshKey}`, (signal) => get<{ items: HistoryEvent[] }>(`/api/${recordType.plural}/${recordKey}/history`, signal));
  const lookupName = useLookupNames(recordType);
  if (history.error) return <ErrorState error={history.error} onRetry={history.reload} />;
  if (!history.data) return <LoadingState label="Loading history…" />;
  const events = [...history.data.items].sort((a, b) => b.seq - a.seq);
  if (events.length === 0) return <EmptyState title="No history yet" />;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={events.length} aria-label="History" component="ol" style={{ listStyle: 'none', paddingLeft: 0 }}>
      {events.map((event) => (
        <Timeline.Item
          key={event.seq}
          component="li"
          title={
            <Group gap="xs">
              <Badge variant="default" tt="none" size="sm">
                {kindLabels[event.kind] ?? event.kind}
              </Badge>
              <Text size="sm" fw={600} span>
                {event.actorName ?? (event.actorId ? 'Someone no longer known' : 'The system')}
              </Text>
              <Text size="sm" c="dimmed" span>
                {formatInstant(event.at, session.user.timeZone)}
              </Text>
            </Group>
          }
        >
          <EventDetail recordType={recordType} event={event} lookupName={lookupName} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function EventDetail({ recordType, event, lookupName }: { recordType: RecordType; event: HistoryEvent; lookupName: ReturnType<typeof useLookupNames> }) {
  const { personName, linkTypes } = useMetadata();
  const session = useSignedIn();
  const linkLabel = (id: unknown) => linkTypes.find((t) => t.id === id)?.label ?? String(id);
  const stateLabel = (id: unknown) => recordType.states.find((s) => s.id === id)?.label ?? String(id);
  const fieldLabel = (name: string) => (name === 'ownerId' ? 'Owner' : (recordType.fields.find((f) => f.name === name)?.label ?? name));
  const show = (name: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return 'empty';
    if (name === 'ownerId') return personName(String(value));
    const field = recordType.fields.find((f) => f.name === name);
    if (field?.kind === 'enum') return field.options.find((o) => o.value === value)?.label ?? String(value);
    if (field?.kind === 'boolean') return value === true ? 'Yes' : 'No';
    if (field?.kind === 'instant') return formatInstant(String(value), session.user.timeZone);
    if (field?.kind === 'user') return personName(String(value));
    // A target in minutes reads '40h' here as on the record; a calendar by its name.
    if (field?.kind === 'integer') return integerText(field, value);
    if (field?.lookup) return lookupName(field, String(value));
    return String(value);
  };
  const data = event.data;
  const changes = Array.isArray(data.changes) ? (data.changes as Change[]) : [];
  return (
    <Stack gap={2} mt={4}>
      {event.kind === 'created' ? <Text size="sm">Recorded as {String(data.reference ?? '')} in {stateLabel(data.status)}.</Text> : null}
      {event.kind === 'transitioned' ? (
        <Text size="sm">
          {stateLabel(data.from)} → {stateLabel(data.to)}
        </Text>
      ) : null}
      {event.kind === 'commented' ? (
        <>
          <Text size="xs" c="dimmed">
            {data.visibility === 'public' ? 'Public comment' : 'Internal comment'}
          </Text>
          <Text size="sm" className="field-value">
            {String(data.body ?? '')}
          </Text>
        </>
      ) : null}
      {event.kind === 'linked' || event.kind === 'unlinked' ? <Text size="sm">{describeLink(data, linkLabel)}</Text> : null}
      {event.kind === 'attached' || event.kind === 'detached' ? <Text size="sm">{describeFile(data)}</Text> : null}
      {changes.map((change) => (
        <Text size="sm" key={change.field} className="field-value">
          <strong>{fieldLabel(change.field)}</strong>: {show(change.field, change.from)} → {show(change.field, change.to)}
        </Text>
      ))}
    </Stack>
  );
}

function describeLink(data: Record<string, unknown>, linkLabel: (id: unknown) => string): string {
  if (data.from && data.to) return `${String(data.from)} ${linkLabel(data.linkType)} ${String(data.to)}`;
  return [data.linkType, data.target].filter(Boolean).map(String).join(' ');
}

function describeFile(data: Record<string, unknown>): string {
  const name = typeof data.filename === 'string' ? data.filename : 'A file';
  return typeof data.size === 'number' ? `${name} (${formatBytes(data.size)})` : name;
}
