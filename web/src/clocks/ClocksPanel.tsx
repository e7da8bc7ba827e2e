import { Badge, Button, Collapse, Group, Paper, Progress, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { businessDuration } from '../agreements/agreement-targets';
import { useSignedIn } from '../app/session';
import { formatInstant } from '../shared/format';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { clockStatus, isoOf, percentView, remainingLabel, segmentSentence, targetLabel, type Clock, type ClockSegment } from './clock-view';

/**
 * A record's clocks, replayed by the server from its history: state in words, target, business
 * time used and left, due time, and each clock's timeline of running and paused stretches
 * (8.3.3 / 8.6.1 / 8.6.2: targets monitored, and every pause explained).
 */
export function ClocksPanel({ clocks, error, onRetry, basis, empty }: {
  /** Undefined while loading. */
  clocks: Clock[] | undefined;
  error: unknown;
  onRetry(): void;
  /** What the clocks are measured against: the SLA, or the calendar. */
  basis?: ReactNode;
  /** Why there are no clocks, e.g. "No service level applies". */
  empty: { title: string; text: string };
}) {
  const items = clocks ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="clocks-heading">
      <Group justify="space-between" mb="sm" align="baseline">
        <Title order={2} size="h4" id="clocks-heading">Clocks</Title>
        {basis ? <Text size="sm" c="dimmed">{basis}</Text> : null}
      </Group>
      {error ? <ErrorState error={error} onRetry={onRetry} /> : null}
      {!clocks && !error ? <LoadingState label="Loading clocks…" /> : null}
      {clocks && items.length === 0 ? <EmptyState title={empty.title}>{empty.text}</EmptyState> : null}
      {items.length > 0 ? (
        <Stack gap="lg" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((clock) => <ClockItem key={clock.clockId} clock={clock} />)}
        </Stack>
      ) : null}
    </Paper>
  );
}

function ClockItem({ clock }: { clock: Clock }) {
  const tz = useSignedIn().user.timeZone;
  const status = clockStatus(clock);
  const percent = percentView(clock);
  const headingId = useId();
  const due = clock.status === 'stopped' ? null : clock.dueAt;
  const facts: [string, string][] = [
    ['Target', targetLabel(clock)],
    ['Business time used', clock.elapsedText],
    [clock.remainingMillis !== null && clock.remainingMillis < 0 ? (clock.status === 'stopped' ? 'Over the target' : 'Overdue') : 'Remaining', remainingLabel(clock)],
    clock.status === 'stopped' ? ['Stopped', formatInstant(isoOf(clock.stoppedAt), tz)] : ['Due', due === null ? '—' : formatInstant(isoOf(due), tz)],
  ];
  if (clock.pausedMillis > 0) facts.push(['Paused (business time)', businessDuration(Math.floor(clock.pausedMillis / 60_000))]);
  // An OLA or contract clock may count in a calendar of its own; the SLA's name says which.
  if (clock.calendar) facts.push(['Counted in', clock.calendar.name]);
  if (clock.breachedAt !== null) facts.push(['Breached at', formatInstant(isoOf(clock.breachedAt), tz)]);
  return (
    <li aria-labelledby={headingId} data-clock={clock.clockId}>
      <Group gap="sm" mb={6}>
        <Title order={3} size="h5" id={headingId}>{clock.name}</Title>
        <Badge color={status.colour} variant="light" radius="sm" tt="none" c="dark.8" data-tone={status.tone}>{status.label}</Badge>
        {clock.priority ? <Text size="xs" c="dimmed">{clock.priority}</Text> : null}
      </Group>
      {percent ? <Progress value={percent.value} color={status.colour} size="md" mb="xs" aria-label={percent.label} /> : null}
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs" component="dl" m={0}>
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="xs" c="dimmed">{label}</Text>
            <Text component="dd" size="sm" m={0}>{value}</Text>
          </div>
        ))}
      </SimpleGrid>
      <ClockTimeline name={clock.name} segments={clock.segments} timeZone={tz} />
    </li>
  );
}

function ClockTimeline({ name, segments, timeZone }: { name: string; segments: ClockSegment[]; timeZone: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (segments.length === 0) return null;
  return (
    <>
      <Button variant="default" size="compact-sm" mt="xs" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls={id}>
        {open ? 'Hide' : 'Show'} the timeline of {name} ({segments.length})
      </Button>
      <Collapse expanded={open} id={id}>
        <Timeline bulletSize={12} lineWidth={2} mt="xs" active={segments.length} component="ol" aria-label={`Timeline of ${name}`} style={{ listStyle: 'none', paddingLeft: 0 }}>
          {segments.map((segment, i) => (
            <Timeline.Item key={i} component="li" color={segment.state === 'running' ? 'indigo' : 'gray'}>
              <Text size="sm">{segmentSentence(segment)}</Text>
              <Text size="xs" c="dimmed">
                {segment.to > segment.from
                  ? `${formatInstant(isoOf(segment.from), timeZone)} – ${formatInstant(isoOf(segment.to), timeZone)}`
                  : formatInstant(isoOf(segment.from), timeZone)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Collapse>
    </>
  );
}
