import { Stack, Text, Title } from '@mantine/core';
import { useSignedIn } from '../app/session';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { EscalationPanel } from './EscalationPanel';
import { PriorityMatrixPanel } from './PriorityMatrixPanel';

/** How incidents are prioritised and escalated (8.6.1); incident and problem managers change it. */
export function IncidentSettingsPage() {
  usePageTitle('Incident settings');
  const session = useSignedIn();
  const canManage = session.permissions.includes('incident-settings:manage');
  return (
    <Stack maw={1100}>
      <Title order={1}>Incident settings</Title>
      <Text c="gray.7">Clause 8.6.1: how incidents are prioritised and escalated. {canManage ? 'Changes apply from now on and are kept in the history.' : 'You may read these settings; incident and problem managers change them.'}</Text>
      <PriorityMatrixPanel canManage={canManage} />
      <EscalationPanel canManage={canManage} />
    </Stack>
  );
}
