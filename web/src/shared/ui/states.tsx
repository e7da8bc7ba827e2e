import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError, describeError } from '../api';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack align="center" py="xl" gap="xs">
      <Text fw={600}>{title}</Text>
      {children ? <Text c="dimmed" ta="center">{children}</Text> : null}
    </Stack>
  );
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const heading = title ?? (error instanceof ApiError ? error.problem.title : 'Something went wrong');
  const detail = error instanceof ApiError && error.problem.detail && error.problem.detail !== heading ? error.problem.detail : error instanceof ApiError ? null : describeError(error);
  return (
    <Alert color="red" title={heading} role="alert" my="md">
      <Stack gap="xs">
        {detail ? <Text size="sm">{detail}</Text> : null}
        {onRetry ? (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** A form-level problem: the detail text, without repeating field errors shown at the inputs. */
export function ProblemAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (!error) return null;
  const heading = error instanceof ApiError ? error.problem.title : 'Something went wrong';
  return (
    <Alert color="red" title={heading} role="alert" withCloseButton={Boolean(onClose)} onClose={onClose} closeButtonLabel="Dismiss">
      {describeError(error)}
    </Alert>
  );
}

interface ListResource<T> {
  data: { items: T[] } | undefined;
  error: unknown;
  reload(): void;
}

/**
 * The states every list shares: the error (with retry), loading, and empty; `children` renders
 * the items once there are some.
 */
export function ListStates<T>({ resource, loading, empty, children }: { resource: ListResource<T>; loading: string; empty: string; children: (items: T[]) => ReactNode }) {
  return (
    <>
      {resource.error ? <ErrorState error={resource.error} onRetry={resource.reload} /> : null}
      {!resource.data && !resource.error ? <LoadingState label={loading} /> : null}
      {resource.data && resource.data.items.length === 0 ? <EmptyState title={empty} /> : null}
      {resource.data && resource.data.items.length > 0 ? children(resource.data.items) : null}
    </>
  );
}
