import { Alert, Badge, Box, Button, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../app/NotFoundPage';
import { useSignedIn } from '../app/session';
import { ApiError, describeError, get, request } from '../shared/api';
import { formatInstant } from '../shared/format';
import type { RecordData } from '../shared/types';
import { notify } from '../shared/ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { AssessmentHeader } from './AssessmentHeader';
import { etagOf } from './results';
import type { MaturityRating, MaturityView } from './types';

interface Loaded {
  maturity: MaturityView;
  record: RecordData;
}

export function MaturityPage() {
  const { key = '' } = useParams();
  const session = useSignedIn();
  const loaded = useAsync<Loaded>(key, async (signal) => {
    const [maturity, record] = await Promise.all([
      get<MaturityView>(`/api/assessments/${encodeURIComponent(key)}/maturity`, signal),
      get<RecordData>(`/api/assessments/${encodeURIComponent(key)}`, signal),
    ]);
    return { maturity, record };
  });
  usePageTitle(`Maturity ${key}`);
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage what="assessment" />;
  if (loaded.error && !loaded.data) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label="Loading maturity…" />;
  const { maturity, record } = loaded.data;
  const editable = (record.status === 'planned' || record.status === 'in-progress') && session.permissions.includes('assessments:update');
  const levelName = (level: number) => maturity.levels.find((l) => l.level === level)?.name ?? '';

  return (
    <Stack gap="md">
      <AssessmentHeader reference={record.reference} title={String(record.title ?? '')} statusLabel={record.statusLabel} current="maturity" />
      <Text size="sm">
        {maturity.rated} processes rated, {maturity.unrated} not rated. Average {maturity.average === null ? '—' : maturity.average.toFixed(1)}, lowest {maturity.minimum ?? '—'}. The guide recommends level {maturity.floor} ({levelName(maturity.floor)}) or higher for every process in scope before certification; the standard itself sets no maturity level.
      </Text>
      <Alert color={maturity.certificationCapable ? 'green' : 'yellow'} title={maturity.certificationCapable ? 'Certification-capable' : 'Not yet certification-capable'} styles={{ title: { color: 'var(--mantine-color-dark-9)' } }}>
        {maturity.belowFloor.length === 0 ? 'Every rated process is at or above the floor.' : `${maturity.belowFloor.length} processes are below level ${maturity.floor}.`}
      </Alert>
      {!editable ? (
        <Text size="sm" c="dimmed">
          {record.status === 'completed' || record.status === 'approved' ? `This assessment is ${record.statusLabel.toLowerCase()}: its ratings can no longer change.` : 'Your roles may read these ratings but not change them.'}
        </Text>
      ) : null}
      {maturity.processes.length === 0 ? (
        <EmptyState title="No processes in scope">This assessment's scope covers no service management process.</EmptyState>
      ) : (
        <>
          <MaturityBars processes={maturity.processes} floor={maturity.floor} />
          <Box component="section" aria-labelledby="maturity-table">
            <Title order={2} size="h4" id="maturity-table" mb="xs">
              Ratings and reasons
            </Title>
            <Table.ScrollContainer minWidth={800}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Process</Table.Th>
                    <Table.Th scope="col">Level</Table.Th>
                    <Table.Th scope="col">Reason</Table.Th>
                    <Table.Th scope="col">Rated</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {maturity.processes.map((p) => (
                    <RatingRow key={p.process} reference={record.reference} rating={p} editable={editable} levels={maturity.levels} timeZone={session.user.timeZone} onSaved={loaded.reload} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Box>
        </>
      )}
    </Stack>
  );
}

/** A horizontal bar per process, with the level in text beside it (the bar is decoration). */
function MaturityBars({ processes, floor }: { processes: MaturityRating[]; floor: number }) {
  return (
    <Box component="section" aria-labelledby="maturity-chart">
      <Title order={2} size="h4" id="maturity-chart" mb="xs">
        Capability level by process
      </Title>
      <Stack gap={4} role="list">
        {processes.map((p) => (
          <Group key={p.process} gap="sm" wrap="nowrap" role="listitem">
            <Text size="sm" w={260} style={{ flexShrink: 0 }}>
              {p.clause} {p.title}
            </Text>
            <Box style={{ flex: 1, position: 'relative', height: 18, background: 'var(--mantine-color-gray-1)', borderRadius: 3 }} aria-hidden>
              <Box style={{ width: `${((p.level ?? 0) / 5) * 100}%`, height: '100%', background: p.belowFloor ? 'var(--mantine-color-orange-6)' : 'var(--mantine-color-indigo-6)', borderRadius: 3 }} />
              <Box style={{ position: 'absolute', top: -2, bottom: -2, left: `${(floor / 5) * 100}%`, borderLeft: '2px dashed var(--mantine-color-dark-6)' }} />
            </Box>
            <Text size="sm" w={220} style={{ flexShrink: 0 }}>
              {p.level === null ? 'Not rated' : `Level ${p.level} ${p.levelName ?? ''}`}
              {p.belowFloor ? ' — below the floor' : ''}
            </Text>
          </Group>
        ))}
      </Stack>
      <Text size="xs" c="dimmed" mt={4}>
        The dashed line marks level {floor}.
      </Text>
    </Box>
  );
}

function RatingRow({ reference, rating, editable, levels, timeZone, onSaved }: { reference: string; rating: MaturityRating; editable: boolean; levels: MaturityView['levels']; timeZone: string; onSaved: () => void }) {
  const [level, setLevel] = useState<string | null>(rating.level === null ? null : String(rating.level));
  const [reason, setReason] = useState(rating.reason ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = level !== (rating.level === null ? null : String(rating.level)) || reason !== (rating.reason ?? '');

  async function save() {
    if (level === null || !reason.trim()) {
      setError('Choose a level and give the reason.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request(`/api/assessments/${encodeURIComponent(reference)}/maturity/${encodeURIComponent(rating.process)}`, { method: 'PUT', body: { level: Number(level), reason: reason.trim() }, ifMatch: etagOf(rating.version) });
      notify(`${rating.title} rated at level ${level}.`);
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 412 ? 'Someone else rated this process after you opened the page. Reload to see their rating.' : describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {rating.clause} {rating.title}
        {rating.belowFloor ? (
          <Badge ml="xs" color="orange" variant="light" tt="none" c="dark.8">
            Below level 3
          </Badge>
        ) : null}
      </Table.Th>
      <Table.Td>
        {editable ? (
          <Select
            aria-label={`Level for ${rating.title}`}
            w={200}
            data={levels.map((l) => ({ value: String(l.level), label: `${l.level} ${l.name}` }))}
            value={level}
            onChange={setLevel}
          />
        ) : rating.level === null ? (
          'Not rated'
        ) : (
          `${rating.level} ${rating.levelName ?? ''}`
        )}
      </Table.Td>
      <Table.Td>
        {editable ? (
          <Stack gap={4}>
            <Textarea aria-label={`Reason for ${rating.title}`} autosize minRows={1} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} />
            {dirty ? (
              <Group>
                <Button size="xs" onClick={() => void save()} loading={busy}>
                  Save rating
                </Button>
              </Group>
            ) : null}
          </Stack>
        ) : (
          rating.reason ?? '—'
        )}
      </Table.Td>
      <Table.Td>{rating.assessedAt ? formatInstant(rating.assessedAt, timeZone) : '—'}</Table.Td>
    </Table.Tr>
  );
}
