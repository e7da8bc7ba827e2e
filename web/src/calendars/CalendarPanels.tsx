import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useMetadata } from '../app/metadata';
import { useSignedIn } from '../app/session';
import { get } from '../shared/api';
import { formatInstant } from '../shared/format';
import { ErrorState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';

interface Preview {
  businessDuration: string;
  businessMinutes: number;
  intervals: { start: string; end: string }[];
  dueAt: string | null;
  targetMinutes: number | null;
}

const localNow = (offsetDays: number) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

/** "How much business time is there between these two moments, and when would a target fall due?" */
export function CalendarPreview({ calendarId }: { calendarId: string }) {
  const session = useSignedIn();
  const [from, setFrom] = useState(localNow(0));
  const [to, setTo] = useState(localNow(7));
  const [target, setTarget] = useState<number | ''>(480);
  const [result, setResult] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    if (target !== '') query.set('targetMinutes', String(target));
    try {
      setResult(await get<Preview>(`/api/calendars/${calendarId}/preview?${query}`));
    } catch (error) {
      setResult(null);
      setProblem(error);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="preview-heading">
      <Title order={2} size="h4" id="preview-heading" mb="xs">Try it</Title>
      <form onSubmit={run}>
        <Group align="flex-end">
          <TextInput label="From" type="datetime-local" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput label="To" type="datetime-local" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
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
            <Text component="dd" m={0}>{result.dueAt ? formatInstant(result.dueAt, session.user.timeZone) : '—'}</Text>
          </div>
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
