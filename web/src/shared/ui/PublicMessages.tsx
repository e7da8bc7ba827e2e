import { Button, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSignedIn } from '../../app/session';
import { ApiError, get, request } from '../api';
import { formatInstant } from '../format';
import type { Comment } from '../types';
import { EmptyState, ErrorState, ProblemAlert } from './states';
import { useAsync } from './useAsync';

/**
 * The conversation a requester sees on one of their tickets (a request or an incident): public
 * comments only, and what they write is public. `commentsUrl` is the record's comments endpoint;
 * `version` reloads the list when the page knows a message was added elsewhere (e.g. a reopening
 * reason); `onAdded` tells the page a message was sent.
 */
export function PublicMessages({ commentsUrl, version = 0, onAdded }: { commentsUrl: string; version?: number; onAdded?(): void }) {
  const session = useSignedIn();
  const comments = useAsync(`${commentsUrl} ${version}`, (signal) => get<{ items: Comment[] }>(commentsUrl, signal));
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const visible = (comments.data?.items ?? []).filter((c) => c.visibility === 'public');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setFieldError('Write a message first');
      return;
    }
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await request(commentsUrl, { method: 'POST', body: { body: body.trim(), visibility: 'public' } });
      setBody('');
      comments.reload();
      onAdded?.();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors().body) setFieldError(e.fieldErrors().body);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      {comments.error ? <ErrorState error={comments.error} onRetry={comments.reload} /> : null}
      {comments.data && visible.length === 0 ? <EmptyState title="No messages yet" /> : null}
      {visible.map((c) => (
        <Paper key={c.id} withBorder p="sm" component="article" aria-label={`Message from ${c.authorName}`}>
          <Text size="sm" fw={600}>{c.authorName} <Text span size="sm" c="dimmed" fw={400}>{formatInstant(c.createdAt, session.user.timeZone)}</Text></Text>
          <Text size="sm" className="field-value">{c.body}</Text>
        </Paper>
      ))}
      <form onSubmit={submit} noValidate aria-label="Send a message">
        <Stack gap="xs">
          <ProblemAlert error={error} />
          <Textarea label="Add a message" autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={fieldError} maxLength={20000} />
          <Button type="submit" loading={busy} style={{ alignSelf: 'flex-end' }}>Send message</Button>
        </Stack>
      </form>
    </Stack>
  );
}
