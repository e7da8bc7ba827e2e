import { ActionIcon, Button, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { moved } from './request-logic';

interface RowsEditorProps<T> {
  /** What one row is called, e.g. "question" or "task". */
  noun: string;
  rows: T[];
  readOnly: boolean;
  onChange(rows: T[]): void;
  blank(): T;
  renderRow(row: T, index: number, update: (row: T) => void): ReactNode;
  rowLabel(row: T, index: number): string;
}

/** An ordered list of small forms: add, remove and reorder rows. */
export function RowsEditor<T>({ noun, rows, readOnly, onChange, blank, renderRow, rowLabel }: RowsEditorProps<T>) {
  return (
    <Stack gap="xs">
      {rows.length === 0 ? <Text size="sm" c="dimmed">No {noun}s yet.</Text> : null}
      {rows.map((row, index) => (
        <Paper key={index} withBorder p="sm" role="group" aria-label={rowLabel(row, index)}>
          <Group align="flex-start" wrap="nowrap" gap="xs">
            <Text fw={600} size="sm" mt={28} w={24} aria-hidden>{index + 1}.</Text>
            <div style={{ flex: 1 }}>{renderRow(row, index, (next) => onChange(rows.map((r, i) => (i === index ? next : r))))}</div>
            {readOnly ? null : (
              <Group gap={4} mt={24} wrap="nowrap">
                <ActionIcon variant="default" disabled={index === 0} onClick={() => onChange(moved(rows, index, -1))} aria-label={`Move ${noun} ${index + 1} up`}>↑</ActionIcon>
                <ActionIcon variant="default" disabled={index === rows.length - 1} onClick={() => onChange(moved(rows, index, 1))} aria-label={`Move ${noun} ${index + 1} down`}>↓</ActionIcon>
                <ActionIcon variant="default" color="red" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Remove ${noun} ${index + 1}`}>×</ActionIcon>
              </Group>
            )}
          </Group>
        </Paper>
      ))}
      {readOnly ? null : (
        <Button variant="light" onClick={() => onChange([...rows, blank()])} style={{ alignSelf: 'flex-start' }}>
          Add a {noun}
          <VisuallyHidden> at the end</VisuallyHidden>
        </Button>
      )}
    </Stack>
  );
}
