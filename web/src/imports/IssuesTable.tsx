import { Anchor, Group, Table, Text } from '@mantine/core';
import { formatCount } from './import-runs';
import type { ImportIssue } from './types';

/** The row-level (for an XES log, trace-level) problems of a run: those the server keeps with it, and a link to all of them. */
export function IssuesTable({ runId, issues, issueCount, xes = false }: { runId: string; issues: ImportIssue[]; issueCount: number; xes?: boolean }) {
  return (
    <>
      <Group justify="space-between">
        <Text size="sm">
          {issues.length < issueCount ? `The first ${formatCount(issues.length)} of ${formatCount(issueCount)} problems:` : `${formatCount(issueCount)} problem${issueCount === 1 ? '' : 's'}:`}
        </Text>
        <Anchor href={`/api/incident-imports/${runId}/issues.csv`} download>
          Download all problems (CSV)
        </Anchor>
      </Group>
      <Table.ScrollContainer minWidth={600} maxHeight={420}>
        <Table striped aria-label="Problems found in the file">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Line</Table.Th>
              <Table.Th scope="col">{xes ? 'Case number' : 'Incident number'}</Table.Th>
              <Table.Th scope="col">{xes ? 'Attribute' : 'Field'}</Table.Th>
              <Table.Th scope="col">Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.map((issue, index) => (
              <Table.Tr key={`${issue.line}-${issue.field}-${index}`}>
                <Table.Td>{issue.line === 0 ? 'file' : issue.line}</Table.Td>
                <Table.Td>{issue.number ?? '—'}</Table.Td>
                <Table.Td>
                  <code>{issue.field}</code>
                </Table.Td>
                <Table.Td>{issue.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
