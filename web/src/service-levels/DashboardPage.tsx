import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { get } from '../shared/api';
import type { ApiResponse } from '../shared/api-schema';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { BarChart, LineChart } from './charts';

/** GET /api/service-level-dashboard: the generated type (`npm run api-types`). */
type Dashboard = ApiResponse<'service-level-dashboard'>;
type Kpi = Dashboard['kpis'][number];

const day = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthLabel = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/** Six whole months up to today, the default period. */
function defaultPeriod(): { from: string; to: string } {
  const now = new Date();
  const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1);
  return { from: isoDay(from), to: isoDay(Date.now()) };
}

function kpiText(kpi: Kpi): string {
  if (kpi.value === null) return '—';
  return kpi.unit === 'percent' ? `${kpi.value}%` : kpi.unit === 'hours' ? `${kpi.value} h` : String(kpi.value);
}

/** 8.3.3 / 9.1: how the services are doing against their SLAs, month by month. */
export function DashboardPage() {
  usePageTitle('Service level dashboard');
  const [params, setParams] = useSearchParams();
  const period = defaultPeriod();
  const from = params.get('from') ?? period.from;
  const to = params.get('to') ?? period.to;
  const service = params.get('service') ?? '';
  const [draft, setDraft] = useState({ from, to, service });
  const query = new URLSearchParams({ from, to, ...(service ? { service } : {}) });
  const data = useAsync(`sla-dashboard?${query}`, (signal) => get<Dashboard>(`/api/service-level-dashboard?${query}`, signal));
  const body = data.data;
  const kpis = new Map(body?.kpis.map((k) => [k.id, k]) ?? []);

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Service level dashboard</Title>
        <Text c="dimmed" size="sm">SLA attainment of incidents and service requests, by month and by service (ISO/IEC 20000-1 clauses 8.3.3 and 9.1).</Text>
      </div>
      <Group align="flex-end" component="form" aria-label="Period" onSubmit={(e) => { e.preventDefault(); setParams(new URLSearchParams({ from: draft.from, to: draft.to, ...(draft.service.trim() ? { service: draft.service.trim() } : {}) })); }}>
        <TextInput type="date" label="From" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        <TextInput type="date" label="To" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
        <TextInput label="Service" placeholder="All services (or SVC-000001)" value={draft.service} onChange={(e) => setDraft({ ...draft, service: e.currentTarget.value })} />
        <Button type="submit" variant="light">Show</Button>
      </Group>
      {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : null}
      {data.loading && !body ? <LoadingState label="Computing service levels…" /> : null}
      {body && !data.error ? (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {[
              ['SLA attainment', kpis.get('sla-attainment')],
              ['Mean business time to resolve', kpis.get('mean-business-ttr')],
            ].map(([label, kpi]) => (
              <Paper key={label as string} withBorder p="sm" title={(kpi as Kpi | undefined)?.definition}>
                <Text size="sm" c="dimmed">{label as string}</Text>
                <Text fz="xl" fw={700} data-testid={`kpi-${(kpi as Kpi | undefined)?.id}`}>{kpi ? kpiText(kpi as Kpi) : '—'}</Text>
              </Paper>
            ))}
            <Paper withBorder p="sm"><Text size="sm" c="dimmed">At risk now</Text><Text fz="xl" fw={700} data-testid="at-risk-now">{body.atRiskNow}</Text></Paper>
            <Paper withBorder p="sm"><Text size="sm" c="dimmed">Breached and still open</Text><Text fz="xl" fw={700} data-testid="breached-now">{body.breachedOpenNow}</Text></Paper>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="sm" component="figure" m={0}>
              <Title order={2} size="h4" component="figcaption">SLA attainment by month</Title>
              <LineChart title="SLA attainment by month" target={body.attainmentTarget} points={body.months.map((m) => ({ label: monthLabel(m.month), value: m.attainmentPercent }))} />
            </Paper>
            <Paper withBorder p="sm" component="figure" m={0}>
              <Title order={2} size="h4" component="figcaption">Breaches by month</Title>
              <BarChart title="SLA breaches by month" points={body.months.map((m) => ({ label: monthLabel(m.month), value: m.breaches }))} />
            </Paper>
          </SimpleGrid>
          <Title order={2} size="h3">By service</Title>
          {body.services.length === 0 ? <EmptyState title="No incidents under an SLA in this period" /> : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped verticalSpacing="xs" data-testid="service-table">
                <Table.Caption>Per service, {from} to {to}; attainment counts response and resolution targets together</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {['Service', 'Resolved under SLA', 'Resolution met', 'Response met', 'Attainment', 'Breaches', 'Mean resolution (business h)', 'At risk now', 'Breached, open'].map((l) => <Table.Th key={l} scope="col">{l}</Table.Th>)}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {body.services.map((s) => (
                    <Table.Tr key={s.service}>
                      <Table.Td><Anchor component={Link} to={`/records/services/${s.service}`}>{s.name ?? s.service}</Anchor></Table.Td>
                      <Table.Td>{s.resolved}</Table.Td>
                      <Table.Td>{pct(s.resolutionMetPercent)}</Table.Td>
                      <Table.Td>{pct(s.responseMetPercent)}</Table.Td>
                      <Table.Td>{pct(s.attainmentPercent)}</Table.Td>
                      <Table.Td>{s.breaches}</Table.Td>
                      <Table.Td>{s.meanResolutionHours ?? '—'}</Table.Td>
                      <Table.Td>{s.atRiskNow}</Table.Td>
                      <Table.Td>{s.breachedOpenNow}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Title order={2} size="h3">By month</Title>
          <Table.ScrollContainer minWidth={700}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>All services, by the month the clock stopped (breaches by the month they happened)</Table.Caption>
              <Table.Thead>
                <Table.Tr>{['Month', 'Resolved under SLA', 'Resolution met', 'Response met', 'Attainment', 'Breaches', 'Mean resolution (business h)'].map((l) => <Table.Th key={l} scope="col">{l}</Table.Th>)}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {body.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Td>{monthLabel(m.month)}</Table.Td>
                    <Table.Td>{m.resolved}</Table.Td>
                    <Table.Td>{pct(m.resolutionMetPercent)}</Table.Td>
                    <Table.Td>{pct(m.responseMetPercent)}</Table.Td>
                    <Table.Td>{pct(m.attainmentPercent)}</Table.Td>
                    <Table.Td>{m.breaches}</Table.Td>
                    <Table.Td>{m.meanResolutionHours ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed">{body.kpis.map((k) => `${k.name}: ${k.definition}`).join(' ')} Period {from} to {to}, {Math.round((Date.parse(to) - Date.parse(from)) / day) + 1} days.</Text>
        </>
      ) : null}
    </Stack>
  );
}
