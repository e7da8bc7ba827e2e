import { Alert, Button, Group, List, Paper, Select, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ConflictAlert, isConflict } from '../records/ConflictAlert';
import { request } from '../shared/api';
import { notify } from '../shared/ui/notify';
import { ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { levels, matrixWarnings, priorityOptions, type PriorityMatrix } from './incident-settings';

const url = '/api/incident-settings/priority-matrix';

/** 8.6.1: impact × urgency → priority, changed with If-Match; every change is in its history. */
export function PriorityMatrixPanel({ canManage }: { canManage: boolean }) {
  const loaded = useAsync('priority-matrix', (signal) => request<{ matrix: PriorityMatrix }>(url, { signal }));
  const [matrix, setMatrix] = useState<PriorityMatrix | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (loaded.data) { setMatrix(loaded.data.data.matrix); setConflict(false); } }, [loaded.data]);

  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!matrix || !loaded.data) return <LoadingState label="Loading the priority matrix…" />;
  const warnings = matrixWarnings(matrix);
  const set = (impact: (typeof levels)[number], urgency: (typeof levels)[number], priority: string) =>
    setMatrix({ ...matrix, [impact]: { ...matrix[impact], [urgency]: priority } });

  const save = async () => {
    setProblem(null);
    setSaving(true);
    try {
      const saved = await request<{ matrix: PriorityMatrix }>(url, { method: 'PUT', body: { matrix }, ifMatch: loaded.data?.etag ?? null });
      loaded.setData(saved);
      notify('Priority matrix saved. Incidents take it up as their impact or urgency is next set.');
    } catch (error) {
      if (isConflict(error)) setConflict(true);
      else setProblem(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="matrix-heading">
      <Title order={2} size="h4" id="matrix-heading" mb="xs">Priority matrix</Title>
      <Text size="sm" c="dimmed" mb="sm">The priority an incident gets from its impact and urgency. Version {loaded.data.etag?.replace(/"/g, '')}.</Text>
      {conflict ? <ConflictAlert onReload={loaded.reload} lostWork /> : null}
      <ProblemAlert error={problem} onClose={() => setProblem(null)} />
      <Table withTableBorder maw={520} aria-label="Priority by impact and urgency">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Impact ↓ / urgency →</Table.Th>
            {levels.map((u) => <Table.Th scope="col" key={u} tt="capitalize">{u}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {levels.map((impact) => (
            <Table.Tr key={impact}>
              <Table.Th scope="row" tt="capitalize">{impact}</Table.Th>
              {levels.map((urgency) => (
                <Table.Td key={urgency}>
                  <Select aria-label={`Priority for impact ${impact}, urgency ${urgency}`} data={[...priorityOptions]} value={matrix[impact][urgency]} allowDeselect={false}
                    readOnly={!canManage} w={90} onChange={(v) => v && set(impact, urgency, v)} comboboxProps={{ withinPortal: true }} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {warnings.length > 0 ? (
        <Alert color="orange" mt="sm" role="status">
          <Text fw={700} size="sm" c="dark.8">The server will refuse this matrix:</Text>
          <List size="sm">{warnings.map((w) => <List.Item key={w}>{w}</List.Item>)}</List>
        </Alert>
      ) : null}
      {canManage ? <Group mt="sm"><Button onClick={save} loading={saving}>Save priority matrix</Button></Group> : null}
    </Paper>
  );
}
