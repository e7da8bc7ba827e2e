import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../shared/api';
import type { AllowedTransition, FieldValue, RecordData, RecordType } from '../shared/types';
import { ProblemAlert } from '../shared/ui/states';
import { ConflictAlert, isConflict } from './ConflictAlert';
import { FieldInput, normaliseValue } from './fields';
import { useFocusOnError } from '../shared/ui/useFocusOnError';

interface TransitionModalProps {
  recordType: RecordType;
  record: RecordData;
  etag: string | null;
  transition: AllowedTransition | null;
  onClose(): void;
  onDone(record: RecordData, etag: string | null): void;
  onReload(): void;
}

/** Asks for the fields a transition requires, then makes it; errors show at the fields. */
export function TransitionModal({ recordType, record, etag, transition, onClose, onDone, onReload }: TransitionModalProps) {
  return (
    <Modal opened={transition !== null} onClose={onClose} title={transition ? `${transition.label}: ${record.reference}` : ''} size="lg">
      {transition ? <TransitionForm key={transition.to} {...{ recordType, record, etag, transition, onClose, onDone, onReload }} /> : null}
    </Modal>
  );
}

function TransitionForm({ recordType, record, etag, transition, onClose, onDone, onReload }: TransitionModalProps & { transition: AllowedTransition }) {
  const required = transition.requires.map((name) => recordType.fields.find((f) => f.name === name)).filter((f) => f !== undefined);
  const [values, setValues] = useState<Record<string, FieldValue>>(() => Object.fromEntries(required.map((f) => [f.name, (record[f.name] as FieldValue) ?? null])));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusOnError<HTMLFormElement>(fieldErrors, error);
  const target = recordType.states.find((s) => s.id === transition.to);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const fields = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, normaliseValue(v)]).filter(([, v]) => v !== null));
    try {
      const result = await request<RecordData>(`/api/${recordType.plural}/${record.reference}/transitions`, { method: 'POST', body: { to: transition.to, fields }, ifMatch: etag ?? `"${record.version}"` });
      onDone(result.data, result.etag);
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          Moves {record.reference} from <strong>{record.statusLabel}</strong> to <strong>{target?.label ?? transition.to}</strong>.
        </Text>
        {isConflict(error) ? <ConflictAlert onReload={onReload} lostWork /> : <ProblemAlert error={required.some((f) => fieldErrors[f.name]) ? null : error} />}
        {required.map((field, index) => (
          <FieldInput
            key={field.name}
            field={field}
            value={values[field.name] ?? null}
            // A value kept from the record shows the name the record gave it.
            valueName={values[field.name] === record[field.name] ? record.referenceTitles?.[field.name] : undefined}
            onChange={(v) => setValues({ ...values, [field.name]: v })}
            error={fieldErrors[field.name]}
            required
            autoFocus={index === 0}
          />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} type="button">
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {transition.label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
