import { Badge, Button, Group, Paper, Progress, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useSession, useSignedIn } from '../app/session';
import { ApiError, describeError, get, request } from '../shared/api';
import { formatInstant } from '../shared/format';
import { notify } from '../shared/ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { etagOf, outcomeLabel, resultColour, toEvidenceInput } from './results';
import type { EvidenceInput, ReadinessItem, ReadinessList, ReadinessState } from './types';
import { EvidenceEditor } from './WorksheetPage';

const states: { value: ReadinessState; label: string }[] = [
  { value: 'not-started', label: 'Not started' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
  { value: 'not-applicable', label: 'Not applicable' },
];
const stateLabel = (s: string) => states.find((x) => x.value === s)?.label ?? s;
const stateColour = (s: ReadinessState) => (s === 'done' ? 'green' : s === 'in-progress' ? 'yellow' : s === 'not-applicable' ? 'gray' : 'blue');

export function ReadinessPage() {
  usePageTitle('Readiness checklist');
  const { can } = useSession();
  const loaded = useAsync<ReadinessList>('readiness', (signal) => get<ReadinessList>('/api/readiness', signal));
  if (loaded.error && !loaded.data) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label="Loading the readiness checklist…" />;
  const { items, totals, percentDone } = loaded.data;
  const canUpdate = can('readiness:update');

  const replace = (item: ReadinessItem) => {
    const next = items.map((i) => (i.id === item.id ? item : i));
    const counts: Record<string, number> = {};
    for (const i of next) counts[i.state] = (counts[i.state] ?? 0) + 1;
    const applicable = next.filter((i) => i.state !== 'not-applicable').length;
    loaded.setData({ items: next, totals: counts, percentDone: applicable === 0 ? 100 : Math.round(((counts.done ?? 0) / applicable) * 100) });
  };

  return (
    <Stack gap="md">
      <Title order={1}>Readiness checklist</Title>
      <Text size="sm">
        What has to be in place before a certification audit, answered once for the whole organisation. The rule view beside each item shows what the records say now about the requirements it names.
      </Text>
      <Group gap="md" align="center">
        <Progress value={percentDone} w={240} aria-label={`${percentDone}% done`} />
        <Text size="sm" fw={600}>
          {percentDone}% done
        </Text>
        <Text size="sm">{states.map((s) => `${totals[s.value] ?? 0} ${s.label.toLowerCase()}`).join(' · ')}</Text>
        <Button size="xs" variant="subtle" onClick={loaded.reload}>
          Refresh
        </Button>
      </Group>
      {!canUpdate ? (
        <Text size="sm" c="dimmed">
          Only the SMS manager changes the checklist; you can read it.
        </Text>
      ) : null}
      {items.length === 0 ? <EmptyState title="No readiness items" /> : null}
      {items.map((item) => (
        <ReadinessCard key={`${item.id}-${item.version}`} item={item} canUpdate={canUpdate} onSaved={replace} />
      ))}
    </Stack>
  );
}

function ReadinessCard({ item, canUpdate, onSaved }: { item: ReadinessItem; canUpdate: boolean; onSaved: (item: ReadinessItem) => void }) {
  const session = useSignedIn();
  const [state, setState] = useState<ReadinessState>(item.state);
  const [notes, setNotes] = useState(item.notes ?? '');
  const [evidence, setEvidence] = useState<EvidenceInput[]>(() => item.evidence.map(toEvidenceInput));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = state !== item.state || notes !== (item.notes ?? '') || JSON.stringify(evidence) !== JSON.stringify(item.evidence.map(toEvidenceInput));
  const headingId = `rdy-${item.id}`;

  async function save() {
    if (state === 'not-applicable' && !notes.trim()) {
      setError('Say in the notes why this item does not apply.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data } = await request<ReadinessItem>(`/api/readiness/${item.id}`, {
        method: 'PUT',
        body: { state, notes: notes.trim() || null, evidence },
        ifMatch: etagOf(item.version),
      });
      notify(`${item.id} is now ${stateLabel(data.state).toLowerCase()}.`);
      onSaved(data);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        const fresh = await get<ReadinessItem>(`/api/readiness/${item.id}`).catch(() => null);
        if (fresh) onSaved(fresh);
        notify(`Someone else changed ${item.id} after you opened the page; it has been reloaded. Make your change again.`, 'red');
      } else setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h5" id={headingId}>
          {item.id} {item.title}
        </Title>
        <Badge color={stateColour(item.state)} variant="light" tt="none" radius="sm" c="dark.8">
          {stateLabel(item.state)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        Requirements: {item.requirements.join(', ') || '—'}
        {item.answeredAt ? ` · Answered by ${item.answeredByName ?? 'someone'} on ${formatInstant(item.answeredAt, session.user.timeZone)}` : ' · Not answered yet'}
      </Text>
      <Group align="flex-start" grow wrap="wrap">
        <Stack gap="xs">
          {canUpdate ? (
            <>
              <Select label="State" data={states} value={state} onChange={(v) => v && setState(v as ReadinessState)} allowDeselect={false} w={220} />
              <Textarea label="Notes" autosize minRows={1} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={error} />
              {dirty ? (
                <Group>
                  <Button size="xs" onClick={() => void save()} loading={busy}>
                    Save {item.id}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => { setState(item.state); setNotes(item.notes ?? ''); setEvidence(item.evidence.map(toEvidenceInput)); setError(null); }}>
                    Undo
                  </Button>
                </Group>
              ) : null}
            </>
          ) : (
            <Text size="sm">{item.notes ?? 'No notes.'}</Text>
          )}
          {canUpdate ? (
            <EvidenceEditor evidence={evidence} labels={item.evidence} onChange={setEvidence} />
          ) : (
          <Text size="sm">
            <b>Evidence:</b>{' '}
            {item.evidence.length === 0 ? 'none cited' : item.evidence.map((e) => (e.kind === 'record' ? `${e.reference} ${e.title}` : e.kind === 'document' ? `${e.title} (${e.location})` : e.filename)).join('; ')}
          </Text>
          )}
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            What the rules say
          </Text>
          {item.signals.length === 0 ? (
            <Text size="sm" c="dimmed">
              No rule covers this item's requirements.
            </Text>
          ) : (
            item.signals.map((s) => (
              <Group key={s.requirementId} gap="xs" align="flex-start" wrap="nowrap">
                <Badge color={resultColour(s.outcome)} variant="outline" tt="none" radius="sm" c="dark.8" style={{ flexShrink: 0 }}>
                  {s.requirementId}: {outcomeLabel(s.outcome)}
                </Badge>
                <Text size="sm">{s.explanation}</Text>
              </Group>
            ))
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
