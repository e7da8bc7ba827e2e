import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFoundPage } from '../app/NotFoundPage';
import { useSignedIn } from '../app/session';
import { useMetadata } from '../app/metadata';
import { ApiError, request, withSubject } from '../shared/api';
import type { FieldValue, RecordData, RecordType } from '../shared/types';
import { ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { ConflictAlert, isConflict } from './ConflictAlert';
import { editableFields, FieldInput, normaliseValue, usePersonOptions } from './fields';
import { useRecordType } from './useRecordType';
import { notify } from '../shared/ui/notify';
import { useFocusOnError } from '../shared/ui/useFocusOnError';
import { PageTrail } from '../shared/ui/PageTrail';

type Values = Record<string, FieldValue>;

export function RecordFormPage({ mode }: { mode: 'create' | 'edit' }) {
  const recordType = useRecordType();
  const { key = '' } = useParams();
  if (!recordType || (mode === 'create' && !recordType.permissions.create) || (mode === 'edit' && !recordType.permissions.update)) return <NotFoundPage />;
  if (mode === 'create') return <RecordForm recordType={recordType} />;
  return <EditRecord key={key} recordType={recordType} recordKey={key} />;
}

interface Loaded {
  record: RecordData;
  etag: string | null;
}

function EditRecord({ recordType, recordKey }: { recordType: RecordType; recordKey: string }) {
  const loaded = useAsync<Loaded>(`edit ${recordType.plural}/${recordKey}`, async (signal) => {
    const { data, etag } = await request<RecordData>(`/api/${recordType.plural}/${encodeURIComponent(recordKey)}`, { signal });
    return { record: data, etag };
  });
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label="Loading the record…" />;
  return <RecordForm key={loaded.data.record.version} recordType={recordType} existing={loaded.data} onReload={loaded.reload} />;
}

function initialValues(recordType: RecordType, existing: RecordData | undefined, userId: string): Values {
  const values: Values = { ownerId: existing ? existing.ownerId : userId };
  for (const field of editableFields(recordType, !existing)) {
    const value = existing ? existing[field.name] ?? null : null;
    // A structured field is edited as JSON text and parsed again on save.
    values[field.name] = field.kind === 'json' ? (value === null ? null : JSON.stringify(value, null, 2)) : (value as FieldValue);
  }
  return values;
}

/** Errors inside a structured field (`steps.1.title`) shown at that field, saying where. */
function atTopLevel(errors: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, reason] of Object.entries(errors)) {
    const [name = path, ...inside] = path.split('.');
    const text = inside.length > 0 ? `${inside.join('.')} ${reason}` : reason;
    result[name] = result[name] ? `${result[name]}; ${text}` : text;
  }
  return result;
}

/** The body to send: JSON text of structured fields parsed; a field whose text is not JSON is reported. */
function parseStructured(fields: RecordType['fields'], body: Values): { body: Record<string, unknown>; errors: Record<string, string> } {
  const parsed: Record<string, unknown> = { ...body };
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const text = body[field.name];
    if (field.kind !== 'json' || typeof text !== 'string') continue;
    try {
      parsed[field.name] = JSON.parse(text) as unknown;
    } catch {
      errors[field.name] = 'is not valid JSON';
    }
  }
  return { body: parsed, errors };
}

function RecordForm({ recordType, existing, onReload }: { recordType: RecordType; existing?: Loaded; onReload?: () => void }) {
  const session = useSignedIn();
  const navigate = useNavigate();
  const { personName } = useMetadata();
  const record = existing?.record;
  const directory = usePersonOptions();
  // Without the user directory the current owner may be someone not in the list; keep them choosable.
  const people = record?.ownerId && !directory.some((p) => p.value === record.ownerId) ? [...directory, { value: record.ownerId, label: personName(record.ownerId) }] : directory;
  const [original] = useState<Values>(() => initialValues(recordType, record, session.user.id));
  const [values, setValues] = useState<Values>(original);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusOnError<HTMLFormElement>(fieldErrors, error);
  const heading = record ? `Edit ${record.reference}` : `New ${recordType.label.toLowerCase()}`;
  usePageTitle(heading);
  const fields = editableFields(recordType, !record);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    let body: Values;
    if (record) {
      // Only what changed, so the history shows exactly this edit; blank required fields are caught here
      // because an empty string is a valid value on the server.
      body = {};
      const missing: Record<string, string> = {};
      for (const [name, value] of Object.entries(values)) {
        const next = normaliseValue(value);
        if (next !== normaliseValue(original[name])) body[name] = next;
        if (next === null && fields.find((f) => f.name === name)?.required) missing[name] = 'is required';
      }
      if (Object.keys(missing).length > 0) {
        setFieldErrors(missing);
        return;
      }
      if (Object.keys(body).length === 0) {
        navigate(`/records/${recordType.plural}/${record.reference}`);
        return;
      }
    } else {
      body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, normaliseValue(v)]).filter(([, v]) => v !== null));
    }
    const structured = parseStructured(fields, body);
    if (Object.keys(structured.errors).length > 0) {
      setFieldErrors(structured.errors);
      return;
    }
    setBusy(true);
    try {
      const result = record
        ? await request<RecordData>(`/api/${recordType.plural}/${record.reference}`, { method: 'PATCH', body: structured.body, ifMatch: existing?.etag ?? `"${record.version}"` })
        : await request<RecordData>(`/api/${recordType.plural}`, { method: 'POST', body: structured.body });
      notify(record ? `${result.data.reference} saved.` : `${result.data.reference} created.`);
      navigate(`/records/${recordType.plural}/${result.data.reference}`);
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(atTopLevel(e.fieldErrors()));
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const set = (name: string) => (value: FieldValue) => setValues((v) => ({ ...v, [name]: value }));
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;

  return (
    <Stack gap="md" maw={820}>
      <PageTrail above={[{ label: recordType.labelPlural, to: `/records/${recordType.plural}` }, ...(record ? [{ label: record.reference, to: `/records/${recordType.plural}/${record.reference}` }] : [])]} current={record ? 'Edit' : 'New'} />
      <Title order={1}>{heading}</Title>
      <Paper withBorder p="md">
        <form ref={formRef} onSubmit={submit} noValidate aria-label={heading}>
          <Stack>
            <Text size="sm" c="dimmed">
              Fields marked * are required.
            </Text>
            {isConflict(error) && onReload ? (
              <ConflictAlert onReload={onReload} lostWork />
            ) : hasFieldErrors ? (
              <ProblemAlert error={new ApiError({ title: 'Some fields need attention', status: 400, detail: 'Correct the fields marked below and save again.' })} />
            ) : (
              <ProblemAlert error={error} />
            )}
            {fields.map((field, index) => (
              <FieldInput
                key={field.name}
                field={field}
                value={values[field.name] ?? null}
                // The name the record gave its value holds only while the value is the one it had.
                valueName={values[field.name] === original[field.name] ? record?.referenceTitles?.[field.name] : undefined}
                onChange={set(field.name)}
                error={fieldErrors[field.name]}
                autoFocus={index === 0 && !record}
              />
            ))}
            <Select label="Owner" description="Who answers for this record" data={people} value={(values.ownerId as string | null) ?? null} onChange={(v) => set('ownerId')(v)} clearable searchable placeholder="Nobody" error={withSubject('Owner', fieldErrors.ownerId)} />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to={record ? `/records/${recordType.plural}/${record.reference}` : `/records/${recordType.plural}`}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                {record ? 'Save changes' : `Create ${recordType.label.toLowerCase()}`}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
