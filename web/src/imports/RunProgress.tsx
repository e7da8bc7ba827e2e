import { Group, Progress, Stack, Text } from '@mantine/core';
import { isFinished, progressText, statusColours, stepLabel } from './import-runs';
import type { ImportRunSummary } from './types';

/** The live bar of a run: what it is doing, rows done of rows in all, rows a second. */
export function RunProgress({ run }: { run: ImportRunSummary }) {
  const label = stepLabel(run);
  const running = !isFinished(run.status);
  return (
    <Stack gap={4} aria-live="polite">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="sm" c="dimmed">
          {progressText(run)}
        </Text>
      </Group>
      <Progress value={run.progress.percent} size="lg" color={running ? 'blue' : statusColours[run.status]} animated={running} aria-label={`${run.mode === 'dry-run' ? 'Check' : 'Import'} progress: ${label}`} />
    </Stack>
  );
}
