import { Alert, Anchor, Button, FileInput, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSession } from '../app/session';
import { get, request } from '../shared/api';
import { ErrorState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { canImport, isFinished, isXesFile, outcomeText } from './import-runs';
import { IssuesTable } from './IssuesTable';
import { PastRuns } from './PastRuns';
import { RunProgress } from './RunProgress';
import type { ImportRun, ImportRunSummary, XesKindDefault } from './types';
import { useImportRun } from './useImportRun';
import { noXesChoice, XesOptions, xesQuery, type XesChoice } from './XesOptions';
import { XesRunFacts } from './XesRunFacts';

const outcomeColour = { succeeded: 'green', rejected: 'orange', failed: 'red', queued: 'gray', running: 'blue' } as const;

/** A run's result once it has finished: the sentence, the notes of a clean check or import (what was left unknown), the problems. */
function RunOutcome({ run, kinds }: { run: ImportRun; kinds: XesKindDefault[] }) {
  if (!isFinished(run.status)) return null;
  const title = run.status === 'succeeded' ? (run.mode === 'dry-run' ? 'Ready to import' : 'Imported') : run.status === 'rejected' ? 'The file has problems' : 'The run failed';
  return (
    <Stack gap="sm">
      <Alert color={outcomeColour[run.status]} title={title} role={run.status === 'succeeded' ? 'status' : 'alert'} styles={{ title: { color: 'var(--mantine-color-dark-9)' } }}>
        {outcomeText(run)}
      </Alert>
      {run.report?.xes ? <XesRunFacts details={run.report.xes} kinds={kinds} /> : null}
      {run.report && run.report.issueCount > 0 ? <IssuesTable runId={run.id} issues={run.report.issues} issueCount={run.report.issueCount} xes={run.format === 'xes'} /> : null}
      {run.status === 'succeeded' && run.report && run.report.notes.length > 0 ? (
        <List size="sm" spacing={2}>
          {run.report.notes.map((note) => (
            <List.Item key={note}>{note}</List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}

/** Where the records of a finished import are listed: by the source they were imported from. */
function ImportedLink({ run }: { run: ImportRun }) {
  const details = run.report?.xes;
  if (run.format !== 'xes' || !details?.kind) {
    return (
      <Anchor component={Link} to="/records/incidents?source=servicenow">
        Open the imported incidents
      </Anchor>
    );
  }
  const plural = details.recordType === 'problems' ? 'problems' : 'incidents';
  return (
    <Anchor component={Link} to={`/records/${plural}?source=${encodeURIComponent(`xes:${details.kind}`)}`}>
      Open the imported {plural}
    </Anchor>
  );
}

export function ImportIncidentsPage() {
  usePageTitle('Import incidents');
  const { can } = useSession();
  const canManage = can('incident-imports:manage');
  const runs = useAsync('incident-imports', (signal) => get<{ items: ImportRunSummary[] }>('/api/incident-imports?limit=20', signal));
  const xesKinds = useAsync('xes-kinds', (signal) => get<{ items: XesKindDefault[] }>('/api/incident-imports/xes-kinds', signal));
  const kinds = xesKinds.data?.items ?? [];
  const [file, setFile] = useState<File | null>(null);
  const [xesChoice, setXesChoice] = useState<XesChoice>(noXesChoice);
  const xes = file !== null && isXesFile(file.name);
  const [checkStarted, setCheckStarted] = useState<ImportRun | null>(null);
  const [importStarted, setImportStarted] = useState<ImportRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState<'check' | 'import' | null>(null);
  const check = useImportRun(checkStarted, runs.reload);
  const imported = useImportRun(importStarted, runs.reload);

  function chooseFile(next: File | null) {
    setFile(next);
    setXesChoice(noXesChoice);
    setCheckStarted(null);
    setImportStarted(null);
    setError(null);
  }

  async function startCheck(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setSending('check');
    setError(null);
    setImportStarted(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const url = xes ? `/api/incident-imports/xes?${xesQuery(xesChoice)}` : '/api/incident-imports?dryRun=true';
      setCheckStarted((await request<ImportRun>(url, { method: 'POST', body: form })).data);
      runs.reload();
    } catch (e) {
      setError(e);
    } finally {
      setSending(null);
    }
  }

  async function startImport() {
    if (!check.run) return;
    setSending('import');
    setError(null);
    try {
      setImportStarted((await request<ImportRun>(`/api/incident-imports/${check.run.id}/import`, { method: 'POST' })).data);
      runs.reload();
    } catch (e) {
      setError(e);
    } finally {
      setSending(null);
    }
  }

  const ready = canImport(check.run) && importStarted === null;
  return (
    <Stack gap="lg">
      <Title order={1}>Import incidents</Title>
      <Text size="sm">
        Bring incident history from ServiceNow, or incidents and problems from an XES event log (IEEE 1849): send a ServiceNow incident audit export (one row per update) or a log (one trace per case), check it, then import it. A check reads every row or trace and names each problem by line and field or attribute; nothing is written until a check of the same file finds none. Records already imported are skipped.
      </Text>
      {canManage ? (
        <Paper withBorder p="md">
          <Stack gap="md">
            <Title order={2} size="h3">
              1. Check the file
            </Title>
            <form onSubmit={startCheck} aria-label="Check an export">
              <Group align="flex-end">
                <FileInput
                  label="ServiceNow export or XES event log"
                  description="A .csv file or a .zip holding one; or an XES log, .xes or .xes.gz"
                  placeholder="Choose a file"
                  accept=".csv,.zip,.xes,.gz,text/csv,application/zip"
                  value={file}
                  onChange={chooseFile}
                  clearable
                  clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
                  style={{ flex: 1 }}
                />
                <Button type="submit" loading={sending === 'check'} disabled={!file || (check.run !== null && !isFinished(check.run.status))}>
                  Check file
                </Button>
              </Group>
            </form>
            {xes ? <XesOptions kinds={kinds} choice={xesChoice} onChange={setXesChoice} /> : null}
            <ProblemAlert error={error} onClose={() => setError(null)} />
            {check.error ? <ErrorState error={check.error} title="Progress could not be read; still trying" /> : null}
            {check.run ? <RunProgress run={check.run} /> : null}
            {check.run ? <RunOutcome run={check.run} kinds={kinds} /> : null}

            <Title order={2} size="h3">
              2. Import
            </Title>
            <Group>
              <Button onClick={() => void startImport()} disabled={!ready} loading={sending === 'import'}>
                Import
              </Button>
              {!ready && importStarted === null ? (
                <Text size="sm" c="dimmed">
                  Possible once a check of this file has found no problems.
                </Text>
              ) : null}
            </Group>
            {imported.error ? <ErrorState error={imported.error} title="Progress could not be read; still trying" /> : null}
            {imported.run ? <RunProgress run={imported.run} /> : null}
            {imported.run ? <RunOutcome run={imported.run} kinds={kinds} /> : null}
            {imported.run?.status === 'succeeded' ? <ImportedLink run={imported.run} /> : null}
          </Stack>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          Only incident and problem managers and the SMS manager import; you can read the earlier runs.
        </Text>
      )}
      <Stack gap="xs">
        <Title order={2} size="h3">
          Earlier runs
        </Title>
        <PastRuns runs={runs} />
      </Stack>
    </Stack>
  );
}
