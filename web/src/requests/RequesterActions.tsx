import { Button, Group, Paper, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../shared/api';
import { ProblemAlert } from '../shared/ui/states';
import type { ServiceRequest } from './types';

interface ActionProps {
  record: ServiceRequest;
  etag: string | null;
  onDone(next: ServiceRequest, etag: string | null, message: string): void;
}

function useTransition({ record, etag, onDone }: ActionProps) {
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  async function move(to: string, fields: Record<string, unknown>, message: string) {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await request<ServiceRequest>(`/api/service-requests/${record.reference}/transitions`, { method: 'POST', body: { to, fields }, ifMatch: etag ?? `"${record.version}"` });
      onDone(result.data, result.etag, message);
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return { error, fieldErrors, busy, move };
}

/** 8.6.2: the requester confirms the request is fulfilled and rates it, or says it is not done. */
export function ConfirmPanel(props: ActionProps) {
  const { error, fieldErrors, busy, move } = useTransition(props);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [ratingError, setRatingError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);

  function confirm(event: FormEvent) {
    event.preventDefault();
    if (rating < 1) {
      setRatingError('Choose a rating from 1 to 5 stars');
      return;
    }
    setRatingError(null);
    void move('closed', { satisfaction: rating, ...(comment.trim() ? { satisfactionComment: comment.trim() } : {}) }, 'Thank you: your request is closed.');
  }

  function notDone(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Tell us what is still missing');
      return;
    }
    setReasonError(null);
    void move('in-fulfilment', { reopenReason: reason.trim() }, 'We have reopened your request.');
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="confirm-heading">
      <Title order={2} size="h3" id="confirm-heading" mb="xs">Is everything done?</Title>
      <ProblemAlert error={fieldErrors.satisfaction || fieldErrors.reopenReason ? null : error} />
      <form onSubmit={confirm} noValidate aria-label="Confirm and rate">
        <Stack gap="xs">
          <div role="group" aria-labelledby="rating-label">
            <Text size="sm" fw={500} id="rating-label">How satisfied are you? (1 poor – 5 excellent) *</Text>
            <Rating value={rating} onChange={setRating} count={5} size="lg" aria-label="Rating" getSymbolLabel={(value) => `${value} of 5`} />
            {ratingError || fieldErrors.satisfaction ? <Text size="sm" c="red.8" role="alert">{ratingError ?? fieldErrors.satisfaction}</Text> : null}
          </div>
          <Textarea label="Comment (optional)" autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={20000} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>Confirm and rate</Button>
          </Group>
        </Stack>
      </form>
      <form onSubmit={notDone} noValidate aria-label="Not fulfilled">
        <Stack gap="xs" mt="md">
          <Textarea label="Not done? Tell us what is missing" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError ?? fieldErrors.reopenReason} maxLength={20000} />
          <Group justify="flex-end">
            <Button type="submit" variant="default" loading={busy}>Not fulfilled</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Actions open to the requester while the request waits: resume after replying, or cancel before fulfilment. */
export function WaitingActions(props: ActionProps) {
  const { error, busy, move } = useTransition(props);
  const { record } = props;
  const canCancel = ['submitted', 'awaiting-approval', 'approved'].includes(record.status);
  if (!canCancel && record.status !== 'awaiting-requester') return null;
  return (
    <Stack gap="xs">
      <ProblemAlert error={error} />
      <Group>
        {record.status === 'awaiting-requester' ? <Button loading={busy} onClick={() => void move('in-fulfilment', {}, 'Thanks: the request is back with the team.')}>I have replied: resume</Button> : null}
        {canCancel ? <Button variant="default" color="red" loading={busy} onClick={() => void move('cancelled', {}, 'Your request is cancelled.')}>Cancel this request</Button> : null}
      </Group>
    </Stack>
  );
}
