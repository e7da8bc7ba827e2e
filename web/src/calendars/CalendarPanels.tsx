import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useMetadata } from '../app/metadata';
import { useSignedIn } from '../app/session';
import { get } from '../shared/api';
import { formatInstant } from '../shared/format';
import { ErrorState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { instantOf, intervalText, normaliseTime, wallClockOf } from './calendar-time';

/** The preview lists this many working periods and counts the rest. */
const shownIntervals = 10;

interface Preview {
  businessDuration: string;
  businessMinutes: number;
  intervals: { start: string; end: string }[];
  dueAt: string | null;
  targetMinutes: number | null;
}

/**
 * "How much business time is there between these two moments, and when would a target fall due?"
 * The moments are dates and 24-hour times on the reader's clocks (their time zone), as the answer is.
 */
export function CalendarPreview({ calendarId }: { calendarId: string }) {
  const session = useSignedIn();
  const timeZone = session.user.timeZone;
  const [from, setFrom] = useState(() => wallClockOf(Date.now(), timeZone));
  const [to, setTo] = useState(() => wallClockOf(Date.now() + 7 * 86_400_000, timeZone));
  const [target, setTarget] = useState<number | ''>(480);
  const [result, setResult] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const start = instantOf(from.date, from.time, timeZone);
    const end = instantOf(to.date, to.time, timeZone);
    const wrong: Record<string, string> = {};
    if (start === null) wrong.from = 'Give a date and a time such as 09:00';
    if (end === null) wrong.to = 'Give a date and a time such as 17:30';
    setErrors(wrong);
    if (start === null || end === null) return;
    const query = new URLSearchParams({ from: new Date(start).toISOString(), to: new Date(end).toISOString() });
    if (target !== '') query.set('targetMinutes', String(target));
    try {
      setResult(await get<Preview>(`/api/calendars/${calendarId}/preview?${query}`));
    } catch (error) {
      setResult(null);
      setProblem(error);
    }
  };
  const moment = (label: 'From' | 'To', value: { date: string; time: string }, set: (v: { date: string; time: string }) => void, error?: string) => (
    <Group gap="xs" align="flex-start" role="group" aria-label={label}>
      <TextInput label={`${label} date`} type="date" value={value.date} error={error} onChange={(e) => set({ ...value, date: e.currentTarget.value })} />
      <TextInput label={`${label} time`} w={110} inputMode="numeric" autoComplete="off" placeholder="HH:mm" value={value.time}
        onChange={(e) => set({ ...value, time: e.currentTarget.value })}
        onBlur={(e) => { const tidy = normaliseTime(e.currentTarget.value); if (tidy) set({ ...value, time: tidy }); }} />
    </Group>
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="preview-heading">
      <Title order={2} size="h4" id="preview-heading" mb="xs">Try it</Title>
      <form onSubmit={run}>
        <Text size="sm" c="dimmed" mb="xs">Dates and 24-hour times on your clocks ({timeZone}).</Text>
        <Group align="flex-end">
          {moment('From', from, setFrom, errors.from)}
          {moment('To', to, setTo, errors.to)}
          <NumberInput label="Target (business minutes)" min={1} w={200} value={target} onChange={(v) => setTarget(v === '' ? '' : Number(v))} />
          <Button type="submit">Calculate</Button>
        </Group>
      </form>
      <ProblemAlert error={problem} onClose={() => setProblem(null)} />
      {result ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="md" component="dl" data-testid="calendar-preview">
          <div>
            <Text component="dt" size="sm" fw={600}>Business time between</Text>
            <Text component="dd" m={0}>{result.businessDuration} ({result.intervals.length} working periods)</Text>
          </div>
          <div>
            <Text component="dt" size="sm" fw={600}>A target of {result.targetMinutes ?? '—'} minutes from the start falls due</Text>
            <Text component="dd" m={0}>{result.dueAt ? formatInstant(result.dueAt, timeZone) : '—'}</Text>
          </div>
          {result.intervals.length > 0 ? (
            <div>
              <Text component="dt" size="sm" fw={600}>Working periods</Text>
              <Text component="dd" m={0} size="sm">
                {result.intervals.slice(0, shownIntervals).map((i) => <span key={i.start} style={{ display: 'block' }}>{intervalText(i.start, i.end, timeZone)}</span>)}
                {result.intervals.length > shownIntervals ? <span style={{ display: 'block' }}>and {result.intervals.length - shownIntervals} more</span> : null}
              </Text>
            </div>
          ) : null}
        </SimpleGrid>
      ) : null}
    </Paper>
  );
}

interface HistoryItem {
  seq: number;
  kind: string;
  actorId: string | null;
  at: string;
  data: Record<string, unknown>;
}

/** Every change to the calendar, newest first: evidence of who changed the hours targets count in. */
export function CalendarHistory({ calendarId, version }: { calendarId: string; version: number }) {
  const session = useSignedIn();
  const { personName } = useMetadata();
  const history = useAsync(`calendar-history:${calendarId}:${version}`, (signal) => get<{ items: HistoryItem[] }>(`/api/calendars/${calendarId}/history`, signal));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-history-heading">
      <Title order={2} size="h4" id="calendar-history-heading" mb="xs">History</Title>
      {history.error ? <ErrorState error={history.error} onRetry={history.reload} /> : null}
      <Stack gap={4} component="ol" m={0} pl="md">
        {[...(history.data?.items ?? [])].reverse().map((h) => (
          <Text component="li" size="sm" key={h.seq}>
            {formatInstant(h.at, session.user.timeZone)} — {h.kind === 'created' ? 'created' : 'changed'} by {h.actorId ? personName(h.actorId) : 'the system'}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
