import { Stack, Table, Text, Title } from '@mantine/core';
import { durationText, formatCount } from './import-runs';
import type { XesKindDefault, XesRunDetails } from './types';

const mappingRows: { key: 'reference' | 'status' | 'subStatus' | 'statusSeparator' | 'impact' | 'group' | 'product' | 'resource' | 'timestamp'; label: string }[] = [
  { key: 'reference', label: 'Case number (trace)' },
  { key: 'status', label: 'Status' },
  { key: 'subStatus', label: 'Sub-status' },
  { key: 'statusSeparator', label: 'Status and sub-status split at' },
  { key: 'impact', label: 'Impact' },
  { key: 'group', label: 'Group' },
  { key: 'product', label: 'Product or service' },
  { key: 'resource', label: 'Done by' },
  { key: 'timestamp', label: 'Time' },
];

/** What a run read an XES log as: the kind detected (or chosen), the mapping used and the throughput measured. */
export function XesRunFacts({ details, kinds }: { details: XesRunDetails; kinds: XesKindDefault[] }) {
  if (!details.kind || !details.mapping) return null;
  const label = (kind: string | null) => kinds.find((k) => k.kind === kind)?.label ?? kind ?? 'unknown';
  const { throughput, mapping } = details;
  return (
    <Stack gap="xs" aria-label="How the log was read" role="region">
      <Title order={3} size="h4">
        How the log was read
      </Title>
      <Text size="sm" data-testid="xes-kind">
        Kind: {label(details.kind)}
        {details.detected && details.detected !== details.kind ? ` (chosen; detected as ${label(details.detected)})` : ' (detected)'}; each trace becomes one of the {details.recordType}.
      </Text>
      {throughput && throughput.cases > 0 && throughput.meanMs !== null && throughput.medianMs !== null ? (
        <Table aria-label="Throughput, first event to last" withTableBorder w="auto">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Cases</Table.Th>
              <Table.Th scope="col">Mean throughput</Table.Th>
              <Table.Th scope="col">Median throughput</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{formatCount(throughput.cases)}</Table.Td>
              <Table.Td>{durationText(throughput.meanMs)}</Table.Td>
              <Table.Td>{durationText(throughput.medianMs)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : null}
      <Table aria-label="Attribute mapping used" withTableBorder w="auto">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Certus reads</Table.Th>
            <Table.Th scope="col">from the attribute</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mappingRows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{row.label}</Table.Td>
              <Table.Td>{mapping[row.key] === null ? '(none)' : <code>{mapping[row.key]}</code>}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>Times</Table.Td>
            <Table.Td>{mapping.wallClock ? 'wall-clock, offset ignored' : 'with their offset'}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
