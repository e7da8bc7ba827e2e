import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../shared/api';
import { ProblemAlert } from '../shared/ui/states';
import type { PortalIncident } from './types';

interface ConfirmFixProps {
  incident: PortalIncident;
  etag: string | null;
  offers: { confirm: boolean; reopen: boolean };
  onDone(next: PortalIncident, etag: string | null, message: string): void;
}

/**
 * 8.6.1: the person who reported the incident says whether it is fixed: yes closes it; no
 * reopens it, and their reason goes to the team as a public message first, so it is on the
 * record before the incident moves.
 */
export function ConfirmFixPanel({ incident, etag, offers, onDone }: ConfirmFixProps) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saying, setSaying] = useState(false);
  const base = `/api/incidents/${incident.reference}`;

  async function move(to: string, message: string) {
    const result = await request<PortalIncident>(`${base}/transitions`, { method: 'POST', body: { to, fields: {} }, ifMatch: etag ?? `"${incident.version}"` });
    onDone(result.data, result.etag, message);
  }

  async function run(step: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function stillBroken(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Tell us what is still wrong');
      return;
    }
    setReasonError(null);
    void run(async () => {
      try {
        await request(`${base}/comments`, { method: 'POST', body: { body: `Still not fixed: ${reason.trim()}`, visibility: 'public' } });
      } catch (e) {
        if (e instanceof ApiError && e.fieldErrors().body) {
          setReasonError(e.fieldErrors().body ?? null);
          return;
        }
        throw e;
      }
      await move('in-progress', 'We have reopened the incident and told the team what is still wrong.');
    });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="fixed-heading">
      <Title order={2} size="h3" id="fixed-heading" mb="xs">Is it fixed?</Title>
      <Text size="sm" mb="sm">The team has marked this resolved. Let us know whether it works for you now.</Text>
      <Stack gap="sm">
        <ProblemAlert error={error} />
        {!saying ? (
          <Group>
            {offers.confirm ? <Button loading={busy} onClick={() => void run(() => move('closed', 'Thank you: the incident is closed.'))}>Yes, it is fixed</Button> : null}
            {offers.reopen ? <Button variant="default" disabled={busy} onClick={() => setSaying(true)}>No, it is still broken</Button> : null}
          </Group>
        ) : (
          <form onSubmit={stillBroken} noValidate aria-label="Still broken">
            <Stack gap="xs">
              <Textarea label="What is still wrong?" withAsterisk autosize minRows={2} maxLength={19000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} data-autofocus autoFocus />
              <Group justify="flex-end">
                <Button variant="default" disabled={busy} onClick={() => { setSaying(false); setReasonError(null); }}>Back</Button>
                <Button type="submit" loading={busy}>Reopen the incident</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
