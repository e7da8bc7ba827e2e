import { Anchor, Box, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../app/NotFoundPage';
import { ApiError, get } from '../shared/api';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { AssessmentHeader } from './AssessmentHeader';
import { scoreBackground, scoreWord } from './results';
import type { HeatmapCell, HeatmapView } from './types';

const columns: { id: string; label: string; count: (c: HeatmapCell) => number; bg: string }[] = [
  { id: 'conformant', label: 'Conformant', count: (c) => c.counts.conformant, bg: 'var(--mantine-color-green-1)' },
  { id: 'partial', label: 'Partial', count: (c) => c.counts.partial, bg: 'var(--mantine-color-yellow-1)' },
  { id: 'major', label: 'Major nonconformities', count: (c) => c.major, bg: 'var(--mantine-color-red-2)' },
  { id: 'minor', label: 'Minor nonconformities', count: (c) => c.minor, bg: 'var(--mantine-color-red-1)' },
  { id: 'not-assessed', label: 'Not assessed', count: (c) => c.counts['not-assessed'], bg: 'var(--mantine-color-blue-0)' },
  { id: 'not-applicable', label: 'Not applicable', count: (c) => c.counts['not-applicable'], bg: 'var(--mantine-color-gray-1)' },
  { id: 'unanswered', label: 'Not answered', count: (c) => c.counts.unanswered, bg: 'var(--mantine-color-gray-0)' },
];

export function HeatmapPage() {
  const { key = '' } = useParams();
  const loaded = useAsync<HeatmapView>(key, (signal) => get<HeatmapView>(`/api/assessments/${encodeURIComponent(key)}/heatmap`, signal));
  usePageTitle(`Heatmap ${key}`);
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage what="assessment" />;
  if (loaded.error && !loaded.data) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label="Loading the heatmap…" />;
  const { assessment, overall, byClause, byProcess } = loaded.data;
  const worksheet = `/assessments/${assessment.reference}/worksheet`;

  return (
    <Stack gap="md">
      <AssessmentHeader reference={assessment.reference} title={assessment.title} statusLabel={assessment.statusLabel} current="heatmap" />
      <Text size="sm">
        Scope: {assessment.scope.description}. Overall score {overall.score === null ? 'not yet available' : `${overall.score}% (${scoreWord(overall.score)})`} across {overall.requirements} requirements. The score is the conformant share of assessed requirements, partial counting half. Select a count to open the worksheet at those requirements.
      </Text>
      <Legend />
      <HeatTable
        caption="Results by clause group"
        firstColumn="Clause"
        cells={byClause}
        link={(cell, filter) => `${worksheet}?clause=${encodeURIComponent(cell.id)}${filter ? `&result=${filter}` : ''}`}
        name={(cell) => `${cell.id} ${cell.title}`}
      />
      <HeatTable
        caption="Results by process"
        firstColumn="Process"
        cells={byProcess}
        link={(cell, filter) => `${worksheet}?process=${encodeURIComponent(cell.id)}${filter ? `&result=${filter}` : ''}`}
        name={(cell) => `${cell.title} (${'clause' in cell ? String(cell.clause) : ''})`}
        extra={(cell) => ('maturity' in cell ? (cell.maturity === null || cell.maturity === undefined ? 'Not rated' : `Level ${String(cell.maturity)}`) : '')}
      />
    </Stack>
  );
}

function Legend() {
  const bands = [
    { score: 90, label: '85% or more: strong' },
    { score: 75, label: '70–84%: good' },
    { score: 55, label: '50–69%: fair' },
    { score: 35, label: '30–49%: weak' },
    { score: 10, label: 'under 30%: poor' },
    { score: null, label: 'nothing assessed' },
  ];
  return (
    <Group gap="xs" aria-label="Score colours" role="list">
      {bands.map((b) => (
        <Group key={b.label} gap={4} role="listitem">
          <Box w={14} h={14} style={{ background: scoreBackground(b.score), border: '1px solid var(--mantine-color-gray-5)' }} aria-hidden />
          <Text size="xs">{b.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** Compact enough that every column fits the page beside the navigation; narrower screens scroll it. */
function HeatTable<C extends HeatmapCell>({ caption, firstColumn, cells, link, name, extra }: { caption: string; firstColumn: string; cells: C[]; link: (cell: C, filter?: string) => string; name: (cell: C) => string; extra?: (cell: C) => string }) {
  return (
    <Box component="section" aria-label={caption}>
      <Title order={2} size="h4" mb="xs">
        {caption}
      </Title>
      {cells.length === 0 ? (
        <EmptyState title="Nothing in scope" />
      ) : (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table withTableBorder withColumnBorders horizontalSpacing="xs">
            <Table.Thead>
              {/* Major and minor sit under one "Nonconformities" heading, so the long word is said once. */}
              <Table.Tr>
                <Table.Th fz="xs" scope="col" rowSpan={2} miw={150}>{firstColumn}</Table.Th>
                <Table.Th fz="xs" scope="col" rowSpan={2}>Score</Table.Th>
                {columns.map((c) =>
                  c.id === 'minor' ? null : c.id === 'major' ? (
                    <Table.Th fz="xs" scope="colgroup" colSpan={2} key="nonconformities" ta="center">
                      Nonconformities
                    </Table.Th>
                  ) : (
                    <Table.Th fz="xs" scope="col" rowSpan={2} key={c.id} ta="right">
                      {c.label}
                    </Table.Th>
                  ),
                )}
                <Table.Th fz="xs" scope="col" rowSpan={2} ta="right" title="Requirements in scope">
                  Total
                </Table.Th>
                {extra ? <Table.Th fz="xs" scope="col" rowSpan={2}>Maturity</Table.Th> : null}
              </Table.Tr>
              <Table.Tr>
                <Table.Th fz="xs" scope="col" ta="right">Major</Table.Th>
                <Table.Th fz="xs" scope="col" ta="right">Minor</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cells.map((cell) => (
                <Table.Tr key={cell.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={link(cell)} size="sm">
                      {name(cell)}
                    </Anchor>
                  </Table.Th>
                  <Table.Td style={{ background: scoreBackground(cell.score), color: 'var(--mantine-color-dark-9)' }} fw={700}>
                    {cell.score === null ? '—' : `${cell.score}%`} <Text span size="xs" fw={400}>({scoreWord(cell.score)})</Text>
                  </Table.Td>
                  {columns.map((c) => {
                    const n = c.count(cell);
                    return (
                      <Table.Td key={c.id} ta="right" style={n > 0 ? { background: c.bg, color: 'var(--mantine-color-dark-9)' } : undefined}>
                        {n > 0 ? (
                          <Anchor component={Link} to={link(cell, c.id)} c="dark.9" underline="always" aria-label={`${n} ${c.label.toLowerCase()} in ${name(cell)}`}>
                            {n}
                          </Anchor>
                        ) : (
                          <Text span c="dark.6" size="sm">
                            0
                          </Text>
                        )}
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="right">{cell.requirements}</Table.Td>
                  {extra ? <Table.Td>{extra(cell)}</Table.Td> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Box>
  );
}
