import { Badge } from '@mantine/core';
import type { RecordType } from '../types';

export function StatusBadge({ recordType, status, label }: { recordType?: RecordType; status: string; label?: string }) {
  const state = recordType?.states.find((s) => s.id === status);
  const done = state?.category === 'done';
  return (
    <Badge color="indigo" variant={done ? 'default' : 'light'} radius="sm" tt="none" style={{ overflow: 'visible', flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
      {label ?? state?.label ?? status}
    </Badge>
  );
}
