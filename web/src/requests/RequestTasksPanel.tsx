import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMetadata } from '../app/metadata';
import { ApiError, get, request } from '../shared/api';
import type { RecordData } from '../shared/types';
import { notify } from '../shared/ui/notify';
import { EmptyState, ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { tasksWaitedFor } from './request-logic';
import type { RequestTask } from './types';

/** A request's fulfilment tasks in order, with Complete and Skip for whoever works them. */
export function RequestTasksPanel({ record, onChanged }: { record: RecordData; onChanged(): void }) {
  const path = `/api/service-requests/${record.reference}/tasks`;
  const tasks = useAsync(`${path} ${record.version}`, (signal) => get<{ items: RequestTask[] }>(path, signal));
  const { personName } = useMetadata();
  const [error, setError] = useState<unknown>(null);
  const [skipping, setSkipping] = useState<RequestTask | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function finish(task: RequestTask, to: 'done' | 'skipped', fields: Record<string, unknown> = {}) {
    setBusy(task.reference);
    setError(null);
    try {
      await request(`/api/request-tasks/${task.reference}/transitions`, { method: 'POST', body: { to, fields }, ifMatch: `"${task.version}"` });
      notify(`${task.reference} ${to === 'done' ? 'completed' : 'skipped'}.`);
      setSkipping(null);
      tasks.reload();
      onChanged();
    } catch (e) {
      setError(e);
      throw e;
    } finally {
      setBusy(null);
    }
  }

  const items = tasks.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tasks-heading">
      <Title order={2} size="h4" id="tasks-heading" mb="sm">Fulfilment tasks</Title>
      {tasks.error ? <ErrorState error={tasks.error} onRetry={tasks.reload} /> : null}
      {!tasks.data && !tasks.error ? <LoadingState label="Loading tasks…" /> : null}
      {tasks.data && items.length === 0 ? <EmptyState title="No tasks yet">Tasks are created from the request model when fulfilment starts.</EmptyState> : null}
      <ProblemAlert error={skipping ? null : error} />
      {items.length > 0 ? (
        <Table>
          <Table.Caption>Done in this order; each waits for the ones before it</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">#</Table.Th>
              <Table.Th scope="col">Task</Table.Th>
              <Table.Th scope="col">Group</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col"><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((task) => {
              const can = (to: string) => task.allowedTransitions?.some((t) => t.to === to && t.permitted) ?? false;
              const waitsFor = tasksWaitedFor(items, task);
              return (
                <Table.Tr key={task.id} data-testid={`task-${task.position}`}>
                  <Table.Td>{task.position}</Table.Td>
                  <Table.Td>
                    <Text size="sm" component={Link} to={`/records/request-tasks/${task.reference}`} c="indigo.8">{task.title}</Text>
                    {task.completedAt ? <Text size="xs" c="dimmed">by {personName(String(task.completedBy ?? ''))}</Text> : null}
                  </Table.Td>
                  <Table.Td>{task.group ?? '—'}</Table.Td>
                  <Table.Td><Badge variant={task.status === 'open' ? 'light' : 'default'} tt="none" radius="sm">{task.statusLabel}</Badge></Table.Td>
                  <Table.Td>
                    {task.status === 'open' && record.status === 'in-fulfilment' && waitsFor.length > 0 ? (
                      <Text size="xs" c="dimmed" ta="right">Waits for {waitsFor.map((t) => `#${t.position}`).join(', ')}</Text>
                    ) : task.status === 'open' && record.status === 'in-fulfilment' ? (
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {can('done') ? <Button size="xs" loading={busy === task.reference} onClick={() => void finish(task, 'done').catch(() => undefined)} aria-label={`Complete task ${task.position}: ${task.title}`}>Complete</Button> : null}
                        {can('skipped') ? <Button size="xs" variant="default" onClick={() => setSkipping(task)} aria-label={`Skip task ${task.position}: ${task.title}`}>Skip</Button> : null}
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : null}
      <Modal opened={skipping !== null} onClose={() => setSkipping(null)} title={skipping ? `Skip ${skipping.reference}` : ''}>
        {skipping ? <SkipForm task={skipping} error={error} onSkip={(reason) => finish(skipping, 'skipped', { skipReason: reason })} /> : null}
      </Modal>
    </Paper>
  );
}

function SkipForm({ task, error, onSkip }: { task: RequestTask; error: unknown; onSkip(reason: string): Promise<void> }) {
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setFieldError('Say why the task is not needed');
      return;
    }
    await onSkip(reason.trim()).catch((e: unknown) => setFieldError(e instanceof ApiError ? e.fieldErrors().skipReason ?? null : null));
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{task.title}</Text>
        <ProblemAlert error={fieldError ? null : error} />
        <Textarea label="Why skipped" withAsterisk autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError} data-autofocus />
        <Group justify="flex-end"><Button type="submit">Skip task</Button></Group>
      </Stack>
    </form>
  );
}
