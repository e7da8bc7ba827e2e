import { Alert, Anchor, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, type ComponentProps } from 'react';
import { Link } from 'react-router';
import { formatCalendarDate } from '../shared/format';
import { LoadingState } from '../shared/ui/states';
import type { ChartOption } from './EChart';
import { Figure } from './Figure';
import { attainmentDescription, dayBefore, maturityDescription, monthLabel, type Overview } from './start-view';

// ECharts is loaded with the first chart, not with the app: most pages draw none.
const LazyChart = lazy(() => import('./EChart').then((m) => ({ default: m.EChart })));

function EChart(props: ComponentProps<typeof LazyChart>) {
  return (
    <Suspense fallback={<div style={{ height: props.height ?? 240 }}><LoadingState label="Drawing the chart…" /></div>}>
      <LazyChart {...props} />
    </Suspense>
  );
}

const colours = { indigo: '#364fc7', red: '#c92a2a', teal: '#087f5b', grey: '#868e96', yellow: '#f59f00' };

function attainmentChart(sla: NonNullable<Overview['sla']>): ChartOption {
  return {
    grid: { left: 48, right: 24, top: 28, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: sla.months.map((m) => monthLabel(m.month)) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{
      type: 'line', name: 'SLA attainment', data: sla.months.map((m) => m.attainmentPercent), connectNulls: false, color: colours.indigo, symbolSize: 8,
      markLine: { silent: true, symbol: 'none', lineStyle: { color: colours.red, type: 'dashed' }, label: { formatter: `Target ${sla.target}%`, position: 'insideEndTop' }, data: [{ yAxis: sla.target }] },
    }],
  };
}

function maturityChart(maturity: NonNullable<Overview['assessment']>['maturity']): ChartOption {
  const processes = [...maturity.processes].reverse();
  return {
    grid: { left: 210, right: 32, top: 28, bottom: 28 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', min: 0, max: 5, interval: 1 },
    yAxis: { type: 'category', data: processes.map((p) => p.title), axisLabel: { width: 200, overflow: 'truncate' } },
    series: [{
      type: 'bar', name: 'Capability level',
      data: processes.map((p) => ({ value: p.level ?? 0, itemStyle: { color: p.level === null ? colours.grey : p.level < maturity.floor ? colours.red : colours.teal } })),
      markLine: { silent: true, symbol: 'none', lineStyle: { color: colours.indigo, type: 'dashed' }, label: { formatter: `Floor: level ${maturity.floor}`, position: 'end' }, data: [{ xAxis: maturity.floor }] },
    }],
  };
}

function readinessChart(r: NonNullable<Overview['readiness']>): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', name: 'Readiness items', radius: ['45%', '70%'], center: ['50%', '42%'], label: { show: false },
      data: [
        { name: 'Done', value: r.done, itemStyle: { color: colours.teal } },
        { name: 'In progress', value: r.inProgress, itemStyle: { color: colours.yellow } },
        { name: 'Not started', value: r.notStarted, itemStyle: { color: colours.red } },
        { name: 'Not applicable', value: r.notApplicable, itemStyle: { color: colours.grey } },
      ],
    }],
  };
}

/** For the SMS manager, top management and process owners: how the SMS stands, every figure a link. */
export function OverviewSection({ overview }: { overview: Overview }) {
  const { readiness, assessment, audits, improvements, sla } = overview;
  const worksheet = (result: string) => `/assessments/${assessment?.head.reference}/worksheet?result=${result}`;
  const dashboard = sla ? `/service-levels/dashboard?from=${sla.from}&to=${sla.to}` : '/service-levels/dashboard';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="start-overview">
      <Title order={2} size="h3" id="start-overview" mb="xs">The SMS at a glance</Title>
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {readiness ? (
            <Figure label="Readiness checklist done" value={`${readiness.percentDone}%`} to="/compliance/readiness" testId="figure-readiness"
              detail={`${readiness.done} done, ${readiness.inProgress} in progress, ${readiness.notStarted} not started${readiness.notApplicable ? `, ${readiness.notApplicable} not applicable` : ''}`} />
          ) : null}
          {assessment ? (
            <Figure label={`Average maturity (${assessment.head.reference})`} value={assessment.maturity.average === null ? 'not rated' : `level ${assessment.maturity.average}`}
              to={`/assessments/${assessment.head.reference}/maturity`} testId="figure-maturity"
              detail={`${assessment.maturity.belowFloor.length} of ${assessment.maturity.rated} rated processes below level ${assessment.maturity.floor}${assessment.maturity.unrated ? `; ${assessment.maturity.unrated} not rated` : ''}`} />
          ) : null}
          {assessment ? (
            <Figure label={`Nonconformities found (${assessment.head.reference})`} value={String(assessment.findings.major + assessment.findings.minor)} to={worksheet('nonconformant')} testId="figure-nonconformities"
              detail={<><Anchor underline="always" component={Link} to={worksheet('major')}>{assessment.findings.major} major</Anchor>, <Anchor underline="always" component={Link} to={worksheet('minor')}>{assessment.findings.minor} minor</Anchor>; <Anchor underline="always" component={Link} to={worksheet('partial')}>{assessment.findings.partial} partial</Anchor></>} />
          ) : null}
          {improvements ? (
            <Figure label="Open improvements" value={String(improvements.open)} to="/records/improvements?category=open" testId="figure-improvements"
              detail={<>{improvements.byStatus.map((s, i) => <span key={s.status}>{i > 0 ? ', ' : ''}<Anchor underline="always" component={Link} to={`/records/improvements?status=${s.status}`}>{s.count} {s.label.toLowerCase()}</Anchor></span>)}; <Anchor underline="always" component={Link} to={`/records/improvements?category=open&targetDateTo=${dayBefore(improvements.today)}`} data-testid="figure-improvements-overdue">{improvements.overdue} past target date</Anchor></>} />
          ) : null}
          {sla ? (
            <Figure label={`SLA attainment since ${formatCalendarDate(sla.from)}`} value={sla.attainmentPercent === null ? 'nothing measured' : `${sla.attainmentPercent}%`} to={dashboard} testId="figure-sla"
              detail={<>Target {sla.target}%. Now: <Anchor underline="always" component={Link} to="/queue?breached=true">{sla.breachedOpenNow} breached</Anchor>, <Anchor underline="always" component={Link} to="/queue?atRisk=true">{sla.atRiskNow} at risk</Anchor></>} />
          ) : null}
        </SimpleGrid>

        {assessment === null ? (
          <Alert color="gray" title="No completed assessment yet">Maturity and nonconformities come from a completed or approved assessment; none exists, so there is nothing to show. <Anchor underline="always" component={Link} to="/records/assessments">Assessments</Anchor></Alert>
        ) : null}
        {assessment ? (
          <Text size="sm" c="dimmed">Certus has no nonconformity register yet: the nonconformities above are the findings of {assessment.head.reference} ({assessment.head.statusLabel.toLowerCase()}), not tracked to closure.</Text>
        ) : null}

        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {sla ? (
            <div>
              <Title order={3} size="h4">SLA attainment by month</Title>
              <EChart name="sla-attainment" option={attainmentChart(sla)} description={attainmentDescription(sla)} />
              <Anchor component={Link} to={dashboard} size="sm">Open the service level dashboard</Anchor>
            </div>
          ) : null}
          {readiness ? (
            <div>
              <Title order={3} size="h4">Readiness checklist</Title>
              <EChart name="readiness" option={readinessChart(readiness)} description={`Readiness checklist: ${readiness.done} done, ${readiness.inProgress} in progress, ${readiness.notStarted} not started, ${readiness.notApplicable} not applicable.`} />
              <Anchor component={Link} to="/compliance/readiness" size="sm">Open the readiness checklist</Anchor>
            </div>
          ) : null}
        </SimpleGrid>

        {assessment && assessment.maturity.processes.length > 0 ? (
          <div>
            <Title order={3} size="h4">Maturity by process ({assessment.head.reference})</Title>
            <EChart name="maturity" height={Math.max(200, assessment.maturity.processes.length * 26 + 40)} option={maturityChart(assessment.maturity)} description={maturityDescription(assessment.maturity)} />
            <Anchor component={Link} to={`/assessments/${assessment.head.reference}/maturity`} size="sm">Open the maturity roll-up</Anchor>
          </div>
        ) : null}

        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {sla ? (
            <div>
              <Title order={3} size="h4" id="start-off-target">KPIs off target</Title>
              {sla.servicesOffTarget.length === 0 && sla.kpisOffTarget.length === 0 ? <Text size="sm">No SLA figure is below its {sla.target}% target since {formatCalendarDate(sla.from)}.</Text> : (
                <List size="sm" aria-labelledby="start-off-target" data-testid="off-target">
                  {sla.kpisOffTarget.map((k) => <List.Item key={k.id}><Anchor component={Link} to={dashboard}>{k.name}: {k.value}%</Anchor> (target {sla.target}%)</List.Item>)}
                  {sla.servicesOffTarget.map((s) => <List.Item key={s.service}><Anchor component={Link} to={`${dashboard}&service=${encodeURIComponent(s.service)}`}>{s.service} {s.name ?? ''}: {s.attainmentPercent}%</Anchor> SLA attainment</List.Item>)}
                </List>
              )}
              <Text size="xs" c="dimmed" mt={4}>Only the SLA figures carry a target in Certus (the dashboard's {sla.target}% line); the incident, request and problem KPIs have no targets yet, so none of them is called off target.</Text>
            </div>
          ) : null}
          {audits ? (
            <div>
              <Title order={3} size="h4" id="start-due">Reviews and audits due</Title>
              {audits.length === 0 ? <Text size="sm">No assessment or audit is planned or in progress. <Anchor underline="always" component={Link} to="/records/assessments">Assessments</Anchor></Text> : (
                <List size="sm" aria-labelledby="start-due" data-testid="audits-due">
                  {audits.map((a) => <List.Item key={a.reference}><Anchor component={Link} to={`/records/assessments/${a.reference}`}>{a.reference} {a.title}</Anchor> — {a.kindLabel}, {a.statusLabel.toLowerCase()}{a.plannedStart ? `, planned ${formatCalendarDate(a.plannedStart)}${a.plannedEnd ? ` to ${formatCalendarDate(a.plannedEnd)}` : ''}` : ', no planned date'}</List.Item>)}
                </List>
              )}
              <Text size="xs" c="dimmed" mt={4}>Certus does not record management reviews (9.3) yet, so none can be shown as due.</Text>
            </div>
          ) : null}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
