import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, get, request } from '../shared/api';
import { ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { notify } from '../shared/ui/notify';
import { useAsync } from '../shared/ui/useAsync';
import { useFocusOnError } from '../shared/ui/useFocusOnError';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { AnswerInput } from './AnswerInput';
import { answersToSend, missingAnswers } from './request-logic';
import type { AnswerValue, RequestModelRecord, ServiceRequest } from './types';
import { PageTrail } from '../shared/ui/PageTrail';

/** The request form, built from the model's questions. */
export function RaiseRequestPage() {
  const { model = '' } = useParams();
  const loaded = useAsync(`model ${model}`, (signal) => get<RequestModelRecord>(`/api/request-models/${encodeURIComponent(model)}`, signal));
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label="Loading the form…" />;
  return <RaiseRequestForm model={loaded.data} />;
}

function RaiseRequestForm({ model }: { model: RequestModelRecord }) {
  const heading = `Request: ${model.name}`;
  usePageTitle(heading);
  const navigate = useNavigate();
  const fields = model.formFields ?? [];
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusOnError<HTMLFormElement>(errors, error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const missing = missingAnswers(fields, answers);
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const body = { model: model.reference, answers: answersToSend(fields, answers), ...(summary.trim() ? { shortDescription: summary.trim() } : {}) };
      const { data } = await request<ServiceRequest>('/api/service-requests', { method: 'POST', body });
      notify(`${data.reference} submitted.`);
      navigate(`/portal/requests/${data.reference}`);
    } catch (e) {
      // The server names answers as answers.<key>: show each message at its question.
      if (e instanceof ApiError) {
        const byKey: Record<string, string> = {};
        for (const [field, reason] of Object.entries(e.fieldErrors())) byKey[field.replace(/^answers\./, '')] = reason;
        setErrors(byKey);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Stack gap="md" maw={720}>
      <PageTrail above={[{ label: 'Request portal', to: '/portal' }]} current={model.name ?? model.reference} />
      <Title order={1}>{heading}</Title>
      {model.description ? <Text>{model.description}</Text> : null}
      {model.approvalRequired ? <Text size="sm" c="dimmed">This request is approved before work starts; you will see the decision here.</Text> : null}
      <Paper withBorder p="md">
        <form ref={formRef} onSubmit={submit} noValidate aria-label={heading}>
          <Stack>
            <Text size="sm" c="dimmed">Fields marked * are required.</Text>
            {hasErrors ? <ProblemAlert error={new ApiError({ title: 'Some answers need attention', status: 400, detail: 'Correct the answers marked below and submit again.' })} /> : <ProblemAlert error={error} />}
            <TextInput label="Short description" description={`Optional; "${model.name}" when left empty`} maxLength={200} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={errors.shortDescription} />
            {fields.map((field) => (
              <AnswerInput key={field.key} field={field} value={answers[field.key]} error={errors[field.key]} onChange={(v) => setAnswers((a) => ({ ...a, [field.key]: v }))} />
            ))}
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/portal">Cancel</Button>
              <Button type="submit" loading={busy}>Submit request</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
