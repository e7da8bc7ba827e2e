import { Alert, Anchor, Badge, Box, Button, Grid, Group, Kbd, Paper, Radio, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useSignedIn } from '../app/session';
import { useMetadata } from '../app/metadata';
import { NotFoundPage } from '../app/NotFoundPage';
import { ApiError, describeError, get, request } from '../shared/api';
import { formatInstant } from '../shared/format';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { AssessmentHeader } from './AssessmentHeader';
import { answerBody, etagOf, incompleteReason, moveIndex, outcomeLabel, resultColour, resultForKey, resultLabel, results, toEvidenceInput, type AnswerDraft } from './results';
import './compliance.css';
import type { Answer, AnswerDetail, AnswerResult, EvidenceInput, Grade, Worksheet, WorksheetRow } from './types';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'incomplete'; message: string } | { kind: 'error'; message: string };

function draftOf(answer: Answer | null): AnswerDraft {
  return {
    result: answer?.result ?? null,
    grade: answer?.grade ?? null,
    justification: answer?.justification ?? '',
    notes: answer?.notes ?? '',
    improvementOpportunity: answer?.improvementOpportunity ?? '',
    followUp: answer?.followUp ?? '',
    evidence: answer?.evidence.map(toEvidenceInput) ?? [],
  };
}

export function WorksheetPage() {
  const { key = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const clause = params.get('clause') ?? '';
  const process = params.get('process') ?? '';
  const resultFilter = params.get('result') ?? '';
  const query = new URLSearchParams();
  if (clause) query.set('clause', clause);
  if (process) query.set('process', process);
  const qs = query.toString();
  const loaded = useAsync<Worksheet>(`${key}?${qs}`, (signal) => get<Worksheet>(`/api/assessments/${encodeURIComponent(key)}/worksheet${qs ? `?${qs}` : ''}`, signal));
  usePageTitle(`Worksheet ${key}`);

  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage what="assessment" />;
  if (loaded.error && !loaded.data) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label="Loading the worksheet…" />;

  const clearFilters = () => setParams({});
  return <WorksheetView key={`${key}?${qs}`} worksheet={loaded.data} filters={{ clause, process, result: resultFilter }} onClearFilters={clearFilters} />;
}

interface Filters {
  clause: string;
  process: string;
  result: string;
}

function WorksheetView({ worksheet, filters, onClearFilters }: { worksheet: Worksheet; filters: Filters; onClearFilters: () => void }) {
  const session = useSignedIn();
  const { assessment } = worksheet;
  const canAnswer = assessment.editable && session.permissions.includes('assessments:update');
  const rows = useMemo(
    () =>
      worksheet.requirements.filter((r) => {
        if (!filters.result) return true;
        if (filters.result === 'unanswered') return r.answer === null;
        if (filters.result === 'major' || filters.result === 'minor') return r.answer?.result === 'nonconformant' && r.answer.grade === filters.result;
        return r.answer?.result === filters.result;
      }),
    [worksheet.requirements, filters.result],
  );
  const rowRefs = useRef<(HTMLElement | null)[]>([]);
  const count = rows.length;
  const registerRow = useCallback((index: number, el: HTMLElement | null) => {
    rowRefs.current[index] = el;
  }, []);
  const move = useCallback(
    (index: number, keyName: string) => {
      const next = moveIndex(keyName, index, count);
      if (next === null) return false;
      const el = rowRefs.current[next];
      if (el) {
        el.focus();
        el.scrollIntoView({ block: 'nearest' });
      }
      return true;
    },
    [count],
  );

  const groups: { clause: string; title: string; rows: { row: WorksheetRow; index: number }[] }[] = [];
  rows.forEach((row, index) => {
    const last = groups[groups.length - 1];
    if (last && last.clause === row.clauseNumber) last.rows.push({ row, index });
    else groups.push({ clause: row.clauseNumber, title: row.clauseTitle, rows: [{ row, index }] });
  });

  const filterWords = [filters.clause && `clause ${filters.clause}`, filters.process && `process ${filters.process}`, filters.result && `result “${resultLabel(filters.result === 'major' || filters.result === 'minor' ? 'nonconformant' : (filters.result as AnswerResult))}${filters.result === 'major' || filters.result === 'minor' ? ` (${filters.result})` : ''}”`].filter(Boolean);
  const t = worksheet.totals;

  return (
    <Stack gap="md">
      <AssessmentHeader reference={assessment.reference} title={assessment.title} statusLabel={assessment.statusLabel} current="worksheet" />
      <Text size="sm">
        Scope: {assessment.scope.description}. {t.requirements} requirements: {t.counts.conformant} conformant, {t.counts.partial} partial, {t.counts.nonconformant} nonconformant ({t.major} major, {t.minor} minor), {t.counts['not-assessed']} not assessed, {t.counts['not-applicable']} not applicable, {t.counts.unanswered} unanswered.
      </Text>
      {!assessment.editable ? (
        <Alert color="gray" title="Read-only">
          This assessment is {assessment.statusLabel.toLowerCase()}: its answers can no longer change. The rule suggestions are shown as they stood when it was completed.
        </Alert>
      ) : !canAnswer ? (
        <Alert color="gray" title="Read-only">
          Your roles may read this assessment but not answer it.
        </Alert>
      ) : (
        <Paper withBorder p="xs" bg="gray.0" id="worksheet-help">
          <Text size="sm">
            Keyboard: <Kbd>j</Kbd>/<Kbd>k</Kbd> or <Kbd>↓</Kbd>/<Kbd>↑</Kbd> move between requirements; <Kbd>1</Kbd> Conformant, <Kbd>2</Kbd> Partial, <Kbd>3</Kbd> Nonconformant, <Kbd>4</Kbd> Not assessed, <Kbd>5</Kbd> Not applicable set the result of the focused requirement. Every change is saved as you go (text when you leave the field).
          </Text>
        </Paper>
      )}
      {assessment.problems.length > 0 ? (
        <Alert color="yellow" title="Scope problems" styles={{ title: { color: 'var(--mantine-color-dark-9)' } }}>
          {assessment.problems.join(' ')}
        </Alert>
      ) : null}
      {filterWords.length > 0 ? (
        <Group gap="xs">
          <Text size="sm">Showing {filterWords.join(', ')}: {rows.length} of {worksheet.requirements.length} requirements.</Text>
          <Button size="xs" variant="subtle" onClick={onClearFilters}>
            Show every requirement
          </Button>
        </Group>
      ) : null}
      {rows.length === 0 ? <EmptyState title="No requirements to show">Nothing in this assessment matches the filter.</EmptyState> : null}
      {groups.map((g) => (
        <Box component="section" key={g.clause} aria-labelledby={`clause-${g.clause}`}>
          <Title order={2} size="h4" id={`clause-${g.clause}`} mb="xs">
            {g.clause} {g.title}
          </Title>
          <Stack gap="sm">
            {g.rows.map(({ row, index }) => (
              <RequirementRow
                key={row.id}
                reference={assessment.reference}
                row={row}
                canAnswer={canAnswer}
                index={index}
                registerRow={registerRow}
                onMove={move}
                timeZone={session.user.timeZone}
              />
            ))}
          </Stack>
        </Box>
      ))}
    </Stack>
  );
}

const textEntry = (target: EventTarget) => target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'radio' && target.type !== 'checkbox') || (target instanceof HTMLElement && target.isContentEditable);

interface RowProps {
  reference: string;
  row: WorksheetRow;
  canAnswer: boolean;
  index: number;
  registerRow: (index: number, el: HTMLElement | null) => void;
  onMove: (index: number, key: string) => boolean;
  timeZone: string;
}

/** One requirement; memoised so moving between 100 rows re-renders none of them. */
const RequirementRow = memo(function RequirementRow({ reference, row, canAnswer, index, registerRow, onMove, timeZone }: RowProps) {
  const [answer, setAnswer] = useState<Answer | null>(row.answer);
  const [draft, setDraft] = useState<AnswerDraft>(() => draftOf(row.answer));
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const version = useRef(row.answer && !row.answer.carriedOver ? row.answer.version : 0);
  const saving = useRef(false);
  const queued = useRef<AnswerDraft | null>(null);
  const saved = useRef(JSON.stringify(draftOf(row.answer)));

  const save = useCallback(
    async (next: AnswerDraft) => {
      const problem = incompleteReason(next, row.clauseGroup);
      if (problem) {
        setState({ kind: 'incomplete', message: problem });
        return;
      }
      if (JSON.stringify(next) === saved.current && !(answer?.carriedOver ?? false)) {
        setState((s) => (s.kind === 'incomplete' ? { kind: 'idle' } : s));
        return;
      }
      if (saving.current) {
        queued.current = next;
        return;
      }
      saving.current = true;
      setState({ kind: 'saving' });
      try {
        const { data } = await request<Answer>(`/api/assessments/${encodeURIComponent(reference)}/answers/${encodeURIComponent(row.id)}`, {
          method: 'PUT',
          body: answerBody(next),
          ifMatch: etagOf(version.current),
        });
        version.current = data.version;
        saved.current = JSON.stringify(next);
        setAnswer(data);
        setState({ kind: 'saved', at: data.answeredAt });
      } catch (error) {
        queued.current = null;
        if (error instanceof ApiError && error.status === 412) {
          try {
            const fresh = await get<AnswerDetail>(`/api/assessments/${encodeURIComponent(reference)}/answers/${encodeURIComponent(row.id)}`);
            version.current = fresh.answer && !fresh.answer.carriedOver ? fresh.answer.version : 0;
            saved.current = JSON.stringify(draftOf(fresh.answer));
            setAnswer(fresh.answer);
            setDraft(draftOf(fresh.answer));
            setState({ kind: 'error', message: `Someone else changed this answer${fresh.answer?.assessorName ? ` (${fresh.answer.assessorName})` : ''} after you opened the worksheet. Their answer is shown now; make your change again.` });
          } catch (reloadError) {
            setState({ kind: 'error', message: `Someone else changed this answer, and reloading it failed: ${describeError(reloadError)}` });
          }
        } else if (error instanceof ApiError && error.problem.errors?.length) {
          setState({ kind: 'error', message: error.problem.errors.map((e) => `${e.field.replace(/^\/?(body\/)?/, '')} ${e.reason}`).join('; ') });
        } else {
          setState({ kind: 'error', message: describeError(error) });
        }
      } finally {
        saving.current = false;
      }
      const again = queued.current;
      queued.current = null;
      if (again) void save(again);
    },
    [reference, row.id, row.clauseGroup, answer?.carriedOver],
  );

  const update = (patch: Partial<AnswerDraft>, saveNow: boolean) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (saveNow) void save(next);
  };

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const fromRow = event.target === event.currentTarget;
    if (textEntry(event.target)) return;
    if (event.key.startsWith('Arrow') || event.key === 'Home' || event.key === 'End') {
      if (!fromRow) return; // radios use the arrows themselves
    }
    if (onMove(index, event.key)) {
      event.preventDefault();
      return;
    }
    const result = canAnswer ? resultForKey(event.key) : null;
    if (result) {
      event.preventDefault();
      update({ result }, true);
    }
  }

  const r = draft.result;
  const headingId = `req-${row.id}`;
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-labelledby={headingId}
      aria-describedby={canAnswer ? 'worksheet-help' : undefined}
      tabIndex={0}
      ref={(el: HTMLElement | null) => registerRow(index, el)}
      data-requirement={row.id}
      className="worksheet-row"
      onKeyDown={onKeyDown}
    >
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={3} size="h5" id={headingId}>
          {row.id} {row.title}
        </Title>
        <Group gap="xs">
          <Badge color={resultColour(answer?.result ?? 'unanswered')} variant="light" tt="none" radius="sm" c="dark.8">
            {answer ? resultLabel(answer.result) : 'Unanswered'}
            {answer?.grade ? ` (${answer.grade})` : ''}
          </Badge>
          <SaveStatus state={state} />
        </Group>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap={6}>
            <Text size="sm">{row.statement}</Text>
            <Text size="sm">
              <Text span fw={600} size="sm">
                An auditor verifies:{' '}
              </Text>
              {row.verify}
            </Text>
            {row.typicalEvidence.length > 0 ? (
              <Text size="sm">
                <Text span fw={600} size="sm">
                  Typical evidence:{' '}
                </Text>
                {row.typicalEvidence.join('; ')}
              </Text>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              The rules suggest
            </Text>
            {row.suggestion ? (
              <>
                <Badge color={resultColour(row.suggestion.outcome)} variant="outline" tt="none" radius="sm" c="dark.8">
                  {outcomeLabel(row.suggestion.outcome)}
                </Badge>
                <Text size="sm">{row.suggestion.explanation}</Text>
                {row.suggestion.evidence.length > 0 ? <Text size="sm">Evidence: {row.suggestion.evidence.join(', ')}</Text> : null}
                <Text size="xs" c="dimmed">
                  {row.suggestion.frozen ? 'As it stood on' : 'Evaluated'} {formatInstant(row.suggestion.evaluatedAt, timeZone)}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                No rule checks this requirement.
              </Text>
            )}
            {answer ? (
              <Text size="xs" c="dimmed">
                {answer.carriedOver ? `Carried over from ${answer.carriedFrom ?? 'the previous assessment'}; save to make it this assessment's own.` : `Answered by ${answer.assessorName ?? 'someone'} on ${formatInstant(answer.answeredAt, timeZone)}.`}
              </Text>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {canAnswer ? (
            <Stack gap="xs">
              <Radio.Group label="Result" value={r ?? ''} onChange={(v) => update({ result: v as AnswerResult }, true)} size="sm">
                <Group gap="sm" mt={4}>
                  {results.map((option) => (
                    <Radio key={option.value} value={option.value} label={`${option.label} (${option.key})`} />
                  ))}
                </Group>
              </Radio.Group>
              {r === 'nonconformant' ? (
                <Radio.Group label="Grade" value={draft.grade ?? ''} onChange={(v) => update({ grade: v as Grade }, true)} size="sm" withAsterisk>
                  <Group gap="sm" mt={4}>
                    <Radio value="major" label="Major" />
                    <Radio value="minor" label="Minor" />
                  </Group>
                </Radio.Group>
              ) : null}
              {r === 'not-applicable' ? (
                <Textarea label="Justification" withAsterisk autosize minRows={1} value={draft.justification} onChange={(e) => update({ justification: e.currentTarget.value }, false)} onBlur={() => void save(draft)} />
              ) : null}
              {r === 'conformant' || r === 'partial' ? (
                <Textarea label="Opportunity for improvement" autosize minRows={1} value={draft.improvementOpportunity} onChange={(e) => update({ improvementOpportunity: e.currentTarget.value }, false)} onBlur={() => void save(draft)} />
              ) : null}
              {r === 'nonconformant' || r === 'partial' ? (
                <TextInput label="Follow-up record" placeholder="IMP-000004" value={draft.followUp} onChange={(e) => update({ followUp: e.currentTarget.value }, false)} onBlur={() => void save(draft)} />
              ) : null}
              <Textarea label="Notes" autosize minRows={1} value={draft.notes} onChange={(e) => update({ notes: e.currentTarget.value }, false)} onBlur={() => void save(draft)} />
              <EvidenceEditor evidence={draft.evidence} labels={answer?.evidence} onChange={(evidence) => update({ evidence }, true)} />
            </Stack>
          ) : (
            <ReadOnlyAnswer answer={answer} />
          )}
        </Grid.Col>
      </Grid>
    </Paper>
  );
});

function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saving' ? 'Saving…' : state.kind === 'saved' ? '✓ Saved' : state.kind === 'incomplete' ? 'Not saved yet' : state.kind === 'error' ? 'Not saved' : '';
  return (
    <Stack gap={2} align="flex-end" maw={320}>
      <Text size="xs" role="status" aria-live="polite" fw={600} c={state.kind === 'error' ? 'red.9' : 'dark.8'} data-save-state={state.kind}>
        {text}
      </Text>
      {state.kind === 'error' || state.kind === 'incomplete' ? (
        <Text size="xs" c={state.kind === 'error' ? 'red.9' : 'dark.6'} role={state.kind === 'error' ? 'alert' : undefined} ta="right">
          {state.message}
        </Text>
      ) : null}
    </Stack>
  );
}

function ReadOnlyAnswer({ answer }: { answer: Answer | null }) {
  if (!answer) return <Text size="sm">Not answered.</Text>;
  return (
    <Stack gap={4}>
      <Text size="sm">
        <b>Result:</b> {resultLabel(answer.result)}
        {answer.grade ? ` (${answer.grade})` : ''}
      </Text>
      {answer.justification ? <Text size="sm"><b>Justification:</b> {answer.justification}</Text> : null}
      {answer.improvementOpportunity ? <Text size="sm"><b>Opportunity for improvement:</b> {answer.improvementOpportunity}</Text> : null}
      {answer.followUp ? <Text size="sm"><b>Follow-up:</b> {answer.followUp}</Text> : null}
      {answer.notes ? <Text size="sm"><b>Notes:</b> {answer.notes}</Text> : null}
      {answer.evidence.length > 0 ? (
        <Text size="sm">
          <b>Evidence:</b> {answer.evidence.map((e) => (e.kind === 'record' ? `${e.reference} ${e.title}` : e.kind === 'document' ? `${e.title} (${e.location})` : e.filename)).join('; ')}
        </Text>
      ) : null}
    </Stack>
  );
}

function evidenceText(e: EvidenceInput, labels: Answer['evidence'] | undefined): string {
  if (e.kind === 'record') {
    const known = labels?.find((l) => l.kind === 'record' && l.reference === e.reference);
    return known && known.kind === 'record' ? `${e.reference} ${known.title}` : e.reference;
  }
  if (e.kind === 'document') return `${e.title} (${e.location})`;
  const known = labels?.find((l) => l.kind === 'attachment' && l.attachmentId === e.attachmentId);
  return known && known.kind === 'attachment' ? `Attachment ${known.filename}` : 'Attachment';
}

export function EvidenceEditor({ evidence, labels, onChange }: { evidence: EvidenceInput[]; labels?: Answer['evidence']; onChange: (next: EvidenceInput[]) => void }) {
  const { byType } = useMetadata();
  const recordLink = (reference: string): string | null => {
    const known = labels?.find((l) => l.kind === 'record' && l.reference === reference);
    const plural = known && known.kind === 'record' ? byType(known.recordType)?.plural : undefined;
    return plural ? `/records/${plural}/${reference}` : null;
  };
  const [kind, setKind] = useState<'record' | 'document'>('record');
  const [reference, setReference] = useState('');
  const [title, setTitle] = useState('');
  const [location, setLocation] = useState('');

  function add() {
    if (kind === 'record') {
      if (!reference.trim()) return;
      onChange([...evidence, { kind: 'record', reference: reference.trim().toUpperCase() }]);
      setReference('');
    } else {
      if (!title.trim() || !location.trim()) return;
      onChange([...evidence, { kind: 'document', title: title.trim(), location: location.trim() }]);
      setTitle('');
      setLocation('');
    }
  }

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Evidence
      </Text>
      {evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          None cited.
        </Text>
      ) : (
        <Box component="ul" m={0} pl="md">
          {evidence.map((e, i) => (
            <li key={`${i}-${evidenceText(e, labels)}`}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">
                  {e.kind === 'record' && recordLink(e.reference) ? (
                    <Anchor component={Link} to={recordLink(e.reference) ?? ''}>
                      {evidenceText(e, labels)}
                    </Anchor>
                  ) : (
                    evidenceText(e, labels)
                  )}
                </Text>
                <Button size="compact-xs" variant="default" onClick={() => onChange(evidence.filter((_, j) => j !== i))} aria-label={`Remove evidence ${evidenceText(e, labels)}`}>
                  Remove
                </Button>
              </Group>
            </li>
          ))}
        </Box>
      )}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          label="Cite"
          size="xs"
          w={130}
          data={[
            { value: 'record', label: 'A record' },
            { value: 'document', label: 'A document' },
          ]}
          value={kind}
          onChange={(v) => setKind(v === 'document' ? 'document' : 'record')}
          allowDeselect={false}
        />
        {kind === 'record' ? (
          <TextInput size="xs" label="Record reference" placeholder="IMP-000003" value={reference} onChange={(e) => setReference(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())} />
        ) : (
          <>
            <TextInput size="xs" label="Document title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
            <TextInput size="xs" label="Location" placeholder="URL, path or shelf mark" value={location} onChange={(e) => setLocation(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())} />
          </>
        )}
        <Button size="xs" variant="default" onClick={add}>
          Add evidence
        </Button>
      </Group>
    </Stack>
  );
}
