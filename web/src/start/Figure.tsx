import { Anchor, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** One figure of the overview: the value is a link to the records or page it was counted from. */
export function Figure({ label, value, to, detail, testId }: { label: string; value: string; to: string; detail?: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm" c="dimmed" id={`${testId}-label`}>{label}</Text>
      <Anchor component={Link} to={to} fz={28} fw={700} data-testid={testId} aria-describedby={`${testId}-label`}>{value}</Anchor>
      {detail ? <Text size="sm" mt={4} component="div">{detail}</Text> : null}
    </Paper>
  );
}
