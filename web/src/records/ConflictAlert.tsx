import { Alert, Button, Group, Text } from '@mantine/core';
import { ApiError } from '../shared/api';

/** 412: someone else changed the record. Never overwrite; explain and offer a reload. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}

export function ConflictAlert({ onReload, lostWork }: { onReload(): void; lostWork?: boolean }) {
  return (
    <Alert color="orange" title="Someone else has changed this record" role="alert">
      <Text size="sm">
        The record was updated after you opened it, so your change was not saved — Certus never overwrites another person’s change.
        {lostWork ? ' Reload to see the current version, then make your change again.' : ' Reload to see the current version.'}
      </Text>
      <Group mt="xs">
        <Button size="xs" color="orange" onClick={onReload}>
          Reload the record
        </Button>
      </Group>
    </Alert>
  );
}
