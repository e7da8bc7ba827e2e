import { Alert, Anchor, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMetadata } from '../app/metadata';
import { get } from '../shared/api';
import type { ApiResponse } from '../shared/api-schema';
import type { RecordData } from '../shared/types';
import { ErrorState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { businessDuration, measures, priorities, targetField, targetsSet } from './agreement-targets';

type Warning = ApiResponse<'list-sla-warnings'>['items'][number];

/**
 * An agreement's targets as a matrix, in the business time of its calendar; for an SLA, also
 * what its OLAs and underpinning contracts cannot support (8.3.3: targets agreed and achievable).
 */
export function AgreementPanel({ record, kind }: { record: RecordData; kind: 'sla' | 'ola' | 'contract' }) {
  const calendarId = typeof record.calendarId === 'string' ? record.calendarId : null;
  // The calendar by its name; its id only when the name is not known.
  const calendarName = record.referenceTitles?.calendarId ?? calendarId;
  const set = targetsSet(record);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="targets-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="targets-heading">Targets</Title>
        <Text size="sm" c="dimmed">
          {set} of 8 set · counted in {calendarId ? <Anchor component={Link} to={`/calendars/${calendarId}`} underline="always">{calendarName}</Anchor> : 'no calendar'}
        </Text>
      </Group>
      <Table withTableBorder maw={560} aria-label="Targets by priority">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Priority</Table.Th>
            {measures.map((m) => <Table.Th scope="col" key={m}>{m === 'response' ? 'First response' : 'Resolution'}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {priorities.map((p) => (
            <Table.Tr key={p}>
              <Table.Th scope="row">{p}</Table.Th>
              {measures.map((m) => <Table.Td key={m} data-target={`${p}-${m}`}>{businessDuration(record[targetField(p, m)])}</Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {kind === 'sla' ? <SlaWarnings reference={record.reference} version={record.version} /> : null}
    </Paper>
  );
}

function SlaWarnings({ reference, version }: { reference: string; version: number }) {
  const { types } = useMetadata();
  const warnings = useAsync(`sla-warnings:${reference}:${version}`, (signal) => get<{ items: Warning[] }>(`/api/slas/${reference}/warnings`, signal));
  const pluralOf = (ref: string) => types.find((t) => ref.startsWith(`${t.prefix}-`))?.plural ?? 'olas';
  if (warnings.error) return <ErrorState error={warnings.error} onRetry={warnings.reload} />;
  if (!warnings.data) return null;
  if (warnings.data.items.length === 0) {
    return <Text size="sm" mt="sm"><Badge color="green" variant="light" c="dark.8" mr="xs">Supported</Badge>No OLA or underpinning contract behind this SLA has a looser target or a different calendar.</Text>;
  }
  return (
    <Alert color="orange" mt="sm" role="status">
      <Text fw={700} c="dark.8" size="sm" mb={4}>
        {warnings.data.items.length} target{warnings.data.items.length === 1 ? '' : 's'} not backed by the agreements underneath
      </Text>
      <Stack gap={4}>
        <List size="sm">
          {warnings.data.items.map((w, i) => (
            <List.Item key={i}>
              <Anchor component={Link} to={`/records/${pluralOf(w.underpinning)}/${w.underpinning}`} underline="always">{w.underpinning}</Anchor>: {w.message}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}
