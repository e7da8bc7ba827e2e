import { Anchor, Badge, Button, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { Link, NavLink } from 'react-router';
import { PageTrail } from '../shared/ui/PageTrail';

export type AssessmentView = 'worksheet' | 'heatmap' | 'maturity';

const views: { id: AssessmentView; label: string }[] = [
  { id: 'worksheet', label: 'Worksheet' },
  { id: 'heatmap', label: 'Heatmap' },
  { id: 'maturity', label: 'Maturity' },
];

export const exportsOf = (reference: string) => [
  { id: 'report', label: 'PDF report', href: `/api/assessments/${encodeURIComponent(reference)}/exports/report` },
  { id: 'workbook', label: 'XLSX workbook', href: `/api/assessments/${encodeURIComponent(reference)}/exports/workbook` },
  { id: 'oscal', label: 'OSCAL assessment results (JSON)', href: `/api/assessments/${encodeURIComponent(reference)}/exports/oscal-assessment-results` },
];

/** Title, status, the assessment's views and its exports: the same on every assessment page. */
export function AssessmentHeader({ reference, title, statusLabel, current }: { reference: string; title?: string; statusLabel?: string; current: AssessmentView }) {
  const label = views.find((v) => v.id === current)?.label ?? '';
  return (
    <Stack gap="xs">
      <PageTrail above={[{ label: 'Assessments', to: '/records/assessments' }, { label: reference, to: `/records/assessments/${reference}` }]} current={label} />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>
            {label}: {reference}
            {title ? ` · ${title}` : ''}
          </Title>
          {statusLabel ? (
            <Group gap="xs">
              <Text size="sm">Status</Text>
              <Badge variant="light" tt="none" radius="sm">
                {statusLabel}
              </Badge>
            </Group>
          ) : null}
        </Stack>
        <ExportMenu reference={reference} />
      </Group>
      <Group gap="xs" component="nav" aria-label="Assessment views">
        <Anchor component={Link} to={`/records/assessments/${reference}`} size="sm">
          Record
        </Anchor>
        {views.map((v) => (
          <Anchor
            key={v.id}
            component={NavLink}
            to={`/assessments/${reference}/${v.id}`}
            size="sm"
            fw={v.id === current ? 700 : 400}
            aria-current={v.id === current ? 'page' : undefined}
            end
          >
            {v.label}
          </Anchor>
        ))}
      </Group>
    </Stack>
  );
}

/** Downloads are plain links: the browser sends the session cookie and saves the file. */
export function ExportMenu({ reference }: { reference: string }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default">Export</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {exportsOf(reference).map((e) => (
          <Menu.Item key={e.id} component="a" href={e.href} download>
            {e.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Links from the generic assessment record page to the compliance views. */
export function AssessmentRecordLinks({ reference }: { reference: string }) {
  return (
    <>
      <Button component={Link} to={`/assessments/${reference}/worksheet`}>
        Open worksheet
      </Button>
      <Button component={Link} to={`/assessments/${reference}/heatmap`} variant="default">
        Heatmap
      </Button>
      <Button component={Link} to={`/assessments/${reference}/maturity`} variant="default">
        Maturity
      </Button>
      <ExportMenu reference={reference} />
    </>
  );
}
