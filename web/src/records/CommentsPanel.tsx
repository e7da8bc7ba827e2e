import { Badge, Button, Group, Paper, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSignedIn } from '../app/session';
import { ApiError, get, request } from '../shared/api';
import { formatInstant } from '../shared/format';
import type { Comment, RecordType } from '../shared/types';
import { EmptyState, ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { isRequesterOnly } from '../shared/requester';

export function CommentsPanel({ recordType, recordKey, onAdded }: { recordType: RecordType; recordKey: string; onAdded(): void }) {
  const session = useSignedIn();
  const base = `/api/${recordType.plural}/${recordKey}/comments`;
  const comments = useAsync(base, (signal) => get<{ items: Comment[] }>(base, signal));
  const [body, setBody] = useState('');
  // Requesters write to the people handling their ticket; internal notes are for staff.
  const requester = isRequesterOnly(session.user.roles);
  const [visibility, setVisibility] = useState<'internal' | 'public'>(requester ? 'public' : 'internal');
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setFieldError('Write a comment first.');
      return;
    }
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await request(base, { method: 'POST', body: { body, visibility } });
      setBody('');
      comments.reload();
      onAdded();
    } catch (e) {
      if (e instanceof ApiError) setFieldError(e.fieldErrors().body);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      {comments.error ? <ErrorState error={comments.error} onRetry={comments.reload} /> : null}
      {!comments.data && !comments.error ? <LoadingState label="Loading comments…" /> : null}
      {comments.data && comments.data.items.length === 0 ? <EmptyState title="No comments yet" /> : null}
      {comments.data?.items.map((comment) => (
        <Paper key={comment.id} withBorder p="sm" component="article" aria-label={`Comment by ${comment.authorName}`}>
          <Group gap="xs" mb={4}>
            <Text size="sm" fw={600}>
              {comment.authorName}
            </Text>
            <Text size="sm" c="dimmed">
              {formatInstant(comment.createdAt, session.user.timeZone)}
            </Text>
            <Badge size="sm" variant="outline" color={comment.visibility === 'public' ? 'teal.9' : 'gray.8'} tt="none">
              {comment.visibility === 'public' ? 'Public' : 'Internal'}
            </Badge>
          </Group>
          <Text size="sm" className="field-value">
            {comment.body}
          </Text>
        </Paper>
      ))}
      {recordType.permissions.comment === false ? null : (
      <form onSubmit={submit} noValidate aria-label="Add a comment">
        <Stack gap="xs">
          <ProblemAlert error={fieldError ? null : error} />
          <Textarea label="Add a comment" autosize minRows={3} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={fieldError} maxLength={20000} />
          <Group justify="space-between" align="flex-end">
            {requester ? <Text size="sm" c="dimmed">Visible to the people handling this and to you.</Text> : (
            <Radio.Group value={visibility} onChange={(v) => setVisibility(v as 'internal' | 'public')} label="Visible to" size="sm">
              <Group gap="md" mt={4}>
                <Radio value="internal" label="Internal (staff only)" />
                <Radio value="public" label="Public" />
              </Group>
            </Radio.Group>
            )}
            <Button type="submit" loading={busy}>
              Add comment
            </Button>
          </Group>
        </Stack>
      </form>
      )}
    </Stack>
  );
}
