import { Alert, Badge, Button, Checkbox, Group, NumberInput, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePersonOptions } from '../records/fields';
import { ApiError, get, request } from '../shared/api';
import type { RecordPage } from '../shared/types';
import { notify } from '../shared/ui/notify';
import { ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { useFocusOnError } from '../shared/ui/useFocusOnError';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { FormFieldsEditor, TasksEditor } from './ModelRows';
import type { FormField, RequestModelRecord, TaskTemplate } from './types';
import { PageTrail } from '../shared/ui/PageTrail';

interface Draft {
  name: string;
  description: string;
  service: string | null;
  fulfilmentGroup: string;
  fulfilmentTargetHours: number | null;
  approvalRequired: boolean;
  approverId: string | null;
  formFields: FormField[];
  tasks: TaskTemplate[];
}

interface Loaded {
  record: RequestModelRecord | null;
  etag: string | null;
  services: { value: string; label: string }[];
}

function draftOf(record: RequestModelRecord | null): Draft {
  return {
    name: record?.name ?? '', description: record?.description ?? '', service: record?.service ?? null,
    fulfilmentGroup: record?.fulfilmentGroup ?? '', fulfilmentTargetHours: record?.fulfilmentTargetHours ?? null,
    approvalRequired: record?.approvalRequired === true, approverId: record?.approverId ?? null,
    formFields: record?.formFields ?? [], tasks: record?.tasks ?? [],
  };
}

function bodyOf(draft: Draft) {
  return {
    name: draft.name, description: draft.description.trim() || null, service: draft.service ?? '', fulfilmentGroup: draft.fulfilmentGroup.trim() || null,
    fulfilmentTargetHours: draft.fulfilmentTargetHours, approvalRequired: draft.approvalRequired, approverId: draft.approverId,
    formFields: draft.formFields, tasks: draft.tasks,
  };
}

/** 8.6.2: edit a request model — its form and its ordered tasks — then publish or retire it. */
export function RequestModelEditorPage() {
  const { key = 'new' } = useParams();
  const loaded = useAsync<Loaded>(`model-editor ${key}`, async (signal) => {
    const services = await get<RecordPage>('/api/services?status=live&limit=200&sort=name', signal);
    const options = services.items.map((s) => ({ value: s.reference, label: `${String(s.name)} (${s.reference})` }));
    if (key === 'new') return { record: null, etag: null, services: options };
    const { data, etag } = await request<RequestModelRecord>(`/api/request-models/${encodeURIComponent(key)}`, { signal });
    return { record: data, etag, services: options };
  });
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label="Loading the request model…" />;
  return <Editor key={`${key} ${loaded.data.record?.version ?? 0}`} loaded={loaded.data} onReload={loaded.reload} />;
}

function Editor({ loaded, onReload }: { loaded: Loaded; onReload(): void }) {
  const navigate = useNavigate();
  const people = usePersonOptions();
  const { record } = loaded;
  const heading = record ? `${record.reference} · ${record.name}` : 'New request model';
  usePageTitle(heading);
  const [draft, setDraft] = useState<Draft>(() => draftOf(record));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusOnError<HTMLFormElement>(errors, error);
  const readOnly = record !== null && record.status !== 'draft';
  const set = <K extends keyof Draft>(name: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [name]: value }));

  async function run(action: () => Promise<RequestModelRecord>, message: (r: RequestModelRecord) => string) {
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const result = await action();
      notify(message(result));
      if (record?.reference === result.reference) onReload();
      else navigate(`/requests/models/${result.reference}`);
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors());
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => (record
      ? await request<RequestModelRecord>(`/api/request-models/${record.reference}`, { method: 'PATCH', body: bodyOf(draft), ifMatch: loaded.etag })
      : await request<RequestModelRecord>('/api/request-models', { method: 'POST', body: bodyOf(draft) })).data, (r) => `${r.reference} saved.`);
  };
  const move = (to: 'published' | 'retired') => run(async () => (await request<RequestModelRecord>(`/api/request-models/${record!.reference}/transitions`, { method: 'POST', body: { to }, ifMatch: loaded.etag })).data, (r) => `${r.reference} is now ${r.statusLabel}.`);
  const copy = () => run(async () => (await request<RequestModelRecord>('/api/request-models', { method: 'POST', body: { ...bodyOf(draft), name: `${draft.name} (new version)` } })).data, (r) => `${r.reference} created as a draft copy.`);

  return (
    <Stack gap="md" maw={980}>
      <PageTrail above={[{ label: 'Request models', to: '/records/request-models' }]} current={record?.reference ?? 'New'} />
      <Group justify="space-between">
        <Title order={1}>{heading}</Title>
        {record ? <Badge variant="light" tt="none" radius="sm">{record.statusLabel}</Badge> : null}
      </Group>
      {readOnly ? <Alert color="blue" title="Published models do not change">Requests follow the model exactly as it was when raised. To change it, make a draft copy, publish that and retire this one.</Alert> : null}
      <form ref={formRef} onSubmit={save} noValidate aria-label={heading}>
        <Stack gap="md">
          <ProblemAlert error={Object.keys(errors).length > 0 ? new ApiError({ title: 'Some fields need attention', status: 400, detail: 'Correct the fields marked below and save again.' }) : error} />
          <Paper withBorder p="md">
            <Stack gap="sm">
              <TextInput label="Name" withAsterisk readOnly={readOnly} value={draft.name} onChange={(e) => set('name')(e.currentTarget.value)} error={errors.name} maxLength={120} />
              <Textarea label="Description" readOnly={readOnly} autosize minRows={2} value={draft.description} onChange={(e) => set('description')(e.currentTarget.value)} error={errors.description} />
              <Group grow align="flex-start">
                <Select label="Service" withAsterisk readOnly={readOnly} data={loaded.services} searchable value={draft.service} onChange={set('service')} error={errors.service} comboboxProps={{ withinPortal: true }} />
                <TextInput label="Fulfilment group" readOnly={readOnly} value={draft.fulfilmentGroup} onChange={(e) => set('fulfilmentGroup')(e.currentTarget.value)} error={errors.fulfilmentGroup} />
                <NumberInput label="Target (business hours)" readOnly={readOnly} min={1} max={8760} allowDecimal={false} value={draft.fulfilmentTargetHours ?? ''} onChange={(v) => set('fulfilmentTargetHours')(v === '' ? null : Number(v))} error={errors.fulfilmentTargetHours} />
              </Group>
              <Group grow align="flex-start">
                <Checkbox label="Approval required" mt={28} disabled={readOnly} checked={draft.approvalRequired} onChange={(e) => set('approvalRequired')(e.currentTarget.checked)} />
                <Select label="Approver" description="The service owner when empty" readOnly={readOnly} data={people} clearable searchable value={draft.approverId} onChange={set('approverId')} error={errors.approverId} comboboxProps={{ withinPortal: true }} />
              </Group>
            </Stack>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="questions-heading">
            <Title order={2} size="h4" id="questions-heading" mb="xs">Form: the questions asked</Title>
            <FormFieldsEditor rows={draft.formFields} readOnly={readOnly} errors={errors} onChange={set('formFields')} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="tasks-editor-heading">
            <Title order={2} size="h4" id="tasks-editor-heading" mb="xs">Fulfilment tasks, in order</Title>
            <TasksEditor rows={draft.tasks} readOnly={readOnly} errors={errors} onChange={set('tasks')} />
          </Paper>
          <Group justify="flex-end">
            {record ? <Button variant="default" component={Link} to={`/records/request-models/${record.reference}`}>Record and history</Button> : null}
            {record && record.status !== 'retired' ? <Button variant="default" loading={busy} onClick={() => void move('retired')}>Retire</Button> : null}
            {record && readOnly ? <Button variant="default" loading={busy} onClick={() => void copy()}>Make a draft copy</Button> : null}
            {record?.status === 'draft' ? <Button variant="default" loading={busy} onClick={() => void move('published')}>Publish</Button> : null}
            {readOnly ? null : <Button type="submit" loading={busy}>{record ? 'Save draft' : 'Create draft'}</Button>}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
