import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMetadata } from '../app/metadata';
import { formatCalendarDate } from '../shared/format';
import { EmptyState } from '../shared/ui/states';
import { Figure } from './Figure';
import type { AuditData } from './start-view';

type Assessment = AuditData['inProgress'][number];
type EvidenceItem = NonNullable<AuditData['evidence']>['items'][number];

function AssessmentTable({ items, caption, testId }: { items: Assessment[]; caption: string; testId: string }) {
  return (
    <Table data-testid={testId}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr><Table.Th>Reference</Table.Th><Table.Th>Title</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Status</Table.Th><Table.Th>Planned</Table.Th><Table.Th>Answered</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((a) => (
          <Table.Tr key={a.reference}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}><Anchor component={Link} to={`/records/assessments/${a.reference}`}>{a.reference}</Anchor></Table.Td>
            <Table.Td>{a.title}{a.leadAssessorName ? <Text size="xs" c="dimmed">Lead: {a.leadAssessorName}</Text> : null}</Table.Td>
            <Table.Td>{a.kindLabel}</Table.Td>
            <Table.Td>{a.statusLabel}</Table.Td>
            <Table.Td>{a.plannedStart ? `${formatCalendarDate(a.plannedStart)}${a.plannedEnd ? ` – ${formatCalendarDate(a.plannedEnd)}` : ''}` : '—'}</Table.Td>
            <Table.Td><Anchor component={Link} to={`/assessments/${a.reference}/worksheet`}>{a.answered} of {a.requirements}</Anchor></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function EvidenceCell({ item }: { item: EvidenceItem }) {
  const { types } = useMetadata();
  const e = item.evidence;
  if (e.kind === 'record') {
    const plural = types.find((t) => t.type === e.recordType)?.plural;
    const text = `${e.reference} ${e.title}`.trim();
    return plural ? <Anchor component={Link} to={`/records/${plural}/${e.reference}`}>{text}</Anchor> : <>{text}</>;
  }
  if (e.kind === 'document') return <>{e.title} <Text span size="xs" c="dimmed">({e.location})</Text></>;
  return <>Attachment {e.filename}</>;
}

/** For the internal auditor: the audits planned and under way, and the evidence they cite. */
export function AuditSection({ audit }: { audit: AuditData }) {
  const { evidence } = audit;
  const source = evidence?.assessment;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="start-audit">
      <Title order={2} size="h3" id="start-audit" mb="xs">Audits and evidence</Title>
      <Stack gap="lg">
        <div>
          <Title order={3} size="h4" mb="xs">Assessments and audits in progress ({audit.inProgress.length})</Title>
          {audit.inProgress.length === 0
            ? <EmptyState title="No assessment or audit is planned or in progress">Plan one from <Anchor underline="always" component={Link} to="/records/assessments/new">a new assessment</Anchor>.</EmptyState>
            : <AssessmentTable items={audit.inProgress} caption="Planned and in progress, the soonest planned first" testId="start-audits-open" />}
        </div>
        {audit.recent.length > 0 ? (
          <div>
            <Title order={3} size="h4" mb="xs">Latest completed</Title>
            <AssessmentTable items={audit.recent} caption="Completed or approved, the latest first" testId="start-audits-recent" />
          </div>
        ) : null}
        <div>
          <Title order={3} size="h4" mb="xs">Evidence index{source ? ` of ${source.reference}` : ''}</Title>
          {!evidence || !source ? <EmptyState title="No assessment exists yet">The evidence index lists what an assessment's answers cite.</EmptyState> : (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">{source.title} ({source.statusLabel.toLowerCase()}){audit.inProgress.length === 0 ? ': none is in progress, so this is the latest completed.' : '.'}</Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Figure label="Items of evidence cited" value={String(evidence.total)} to={`/assessments/${source.reference}/worksheet`} testId="figure-evidence" />
                <Figure label="Records cited" value={String(evidence.byKind.record)} to={`/assessments/${source.reference}/worksheet`} testId="figure-evidence-records" />
                <Figure label="Documents and attachments" value={String(evidence.byKind.document + evidence.byKind.attachment)} to={`/assessments/${source.reference}/worksheet`} testId="figure-evidence-documents" />
              </SimpleGrid>
              {evidence.items.length > 0 ? (
                <Table.ScrollContainer minWidth={640}>
                  <Table data-testid="start-evidence">
                    <Table.Caption>{evidence.total > evidence.items.length ? `The first ${evidence.items.length} of ${evidence.total}: cited records first, then documents and files, each in requirement order` : 'Every item: cited records first, then documents and files, each in requirement order'}</Table.Caption>
                    <Table.Thead><Table.Tr><Table.Th>Requirement</Table.Th><Table.Th>Result</Table.Th><Table.Th>Evidence</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>
                      {evidence.items.map((item, i) => (
                        <Table.Tr key={`${item.requirementId}-${i}`}>
                          <Table.Td><Anchor component={Link} to={`/assessments/${source.reference}/worksheet?clause=${encodeURIComponent(item.clause)}`}>{item.requirementId}</Anchor> {item.title}</Table.Td>
                          <Table.Td>{item.result}</Table.Td>
                          <Table.Td><EvidenceCell item={item} /></Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              ) : null}
              <Group>
                <Anchor href={`/api/assessments/${source.reference}/exports/workbook`}>Download the whole index (workbook, XLSX)</Anchor>
              </Group>
            </Stack>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
