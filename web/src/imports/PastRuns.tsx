import { Anchor, Badge, Table } from '@mantine/core';
import { useSignedIn } from '../app/session';
import { formatBytes, formatInstant } from '../shared/format';
import { ListStates } from '../shared/ui/states';
import type { AsyncState } from '../shared/ui/useAsync';
import { formatCount, statusColours, statusLabels } from './import-runs';
import type { ImportRunSummary } from './types';

/** Earlier runs, newest first: who sent which file, what the check or import found. */
export function PastRuns({ runs }: { runs: AsyncState<{ items: ImportRunSummary[] }> }) {
  const session = useSignedIn();
  return (
    <ListStates resource={runs} loading="Loading earlier runs…" empty="No imports yet">
      {(items) => (
        <Table.ScrollContainer minWidth={800}>
          <Table aria-label="Earlier import runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Started</Table.Th>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Rows</Table.Th>
                <Table.Th scope="col">Incidents</Table.Th>
                <Table.Th scope="col">Imported</Table.Th>
                <Table.Th scope="col">Problems</Table.Th>
                <Table.Th scope="col">By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>{formatInstant(run.createdAt, session.user.timeZone)}</Table.Td>
                  <Table.Td>
                    {run.fileName} ({formatBytes(run.fileSize)})
                  </Table.Td>
                  <Table.Td>
                    {run.mode === 'dry-run' ? 'Check' : 'Import'}
                    {run.format === 'xes' ? ' (XES log)' : ''}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColours[run.status]} variant="light" tt="none" c="dark.8" style={{ overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
                      {statusLabels[run.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{run.report ? formatCount(run.report.rows) : '—'}</Table.Td>
                  <Table.Td>{run.report ? formatCount(run.report.incidents) : '—'}</Table.Td>
                  <Table.Td>{run.report && run.mode === 'import' ? formatCount(run.report.imported) : '—'}</Table.Td>
                  <Table.Td>
                    {run.report && run.report.issueCount > 0 ? (
                      <Anchor href={`/api/incident-imports/${run.id}/issues.csv`} download aria-label={`Download the ${formatCount(run.report.issueCount)} problems of ${run.fileName} (CSV)`}>
                        {formatCount(run.report.issueCount)} (CSV)
                      </Anchor>
                    ) : run.report ? (
                      '0'
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>{run.uploadedBy.name}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ListStates>
  );
}
