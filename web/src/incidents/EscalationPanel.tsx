import { ActionIcon, Alert, Button, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ConflictAlert, isConflict } from '../records/ConflictAlert';
import { ApiError, request } from '../shared/api';
import { notify } from '../shared/ui/notify';
import { ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { escalationBody, recipients, triggers, type EscalationLevel, type EscalationSettings } from './incident-settings';

const url = '/api/incident-settings/escalation';

/** 8.6.1: who is told as an incident's SLA resolution clock runs out, level by level. */
export function EscalationPanel({ canManage }: { canManage: boolean }) {
  const loaded = useAsync('escalation', (signal) => request<EscalationSettings>(url, { signal }));
  const [levels, setLevels] = useState<EscalationLevel[]>([]);
  const [groups, setGroups] = useState<{ group: string; address: string }[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!loaded.data) return;
    setLevels(loaded.data.data.levels);
    setGroups(Object.entries(loaded.data.data.groupAddresses).map(([group, address]) => ({ group, address })));
    setConflict(false);
  }, [loaded.data]);

  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label="Loading the escalation levels…" />;
  const setLevel = (i: number, change: Partial<EscalationLevel>) => setLevels(levels.map((l, j) => (j === i ? { ...l, ...change } : l)));

  const save = async () => {
    setProblem(null);
    setErrors({});
    setSaving(true);
    try {
      const saved = await request<EscalationSettings>(url, { method: 'PUT', body: escalationBody(levels, groups), ifMatch: loaded.data?.etag ?? null });
      loaded.setData(saved);
      notify('Escalation levels saved. The SLA watch uses them from its next pass.');
    } catch (error) {
      if (isConflict(error)) setConflict(true);
      else if (error instanceof ApiError && error.problem.errors?.length) setErrors(error.fieldErrors());
      else setProblem(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="escalation-heading">
      <Title order={2} size="h4" id="escalation-heading" mb="xs">Escalation levels</Title>
      <Text size="sm" c="dimmed" mb="sm">
        As an incident's SLA resolution clock runs out, the watch raises it level by level and tells each level's people once. Version {loaded.data.etag?.replace(/"/g, '')}.
      </Text>
      {conflict ? <ConflictAlert onReload={loaded.reload} lostWork /> : null}
      <ProblemAlert error={problem} onClose={() => setProblem(null)} />
      {Object.keys(errors).length > 0 ? <Alert color="red" role="alert" mb="sm" title="The levels were not saved">Correct the fields marked below.</Alert> : null}
      {errors.levels ? <Text c="red.8" size="sm">{errors.levels}</Text> : null}
      <Stack gap="sm">
        {levels.map((level, i) => (
          <Group key={i} align="flex-start" gap="xs">
            <Text fw={600} pt={28} w={70}>Level {i + 1}</Text>
            <Select label="When" data={triggers} value={level.when} allowDeselect={false} readOnly={!canManage} w={220} error={errors[`levels[${i}].when`]}
              onChange={(v) => v && setLevel(i, { when: v, percent: v === 'elapsed' ? level.percent ?? 150 : undefined })} comboboxProps={{ withinPortal: true }} />
            {level.when === 'elapsed' ? (
              <NumberInput label="Share of the target (%)" value={level.percent ?? ''} min={1} max={1000} clampBehavior="none" w={180} readOnly={!canManage} error={errors[`levels[${i}].percent`]}
                onChange={(v) => setLevel(i, { percent: v === '' ? undefined : Number(v) })} />
            ) : null}
            <MultiSelect label="Tell" data={recipients} value={level.notify} readOnly={!canManage} style={{ flex: 1 }} error={errors[`levels[${i}].notify`]}
              onChange={(v) => setLevel(i, { notify: v })} comboboxProps={{ withinPortal: true }} />
            {canManage ? <ActionIcon variant="subtle" color="red" mt={28} aria-label={`Remove level ${i + 1}`} onClick={() => setLevels(levels.filter((_, j) => j !== i))}>×</ActionIcon> : null}
          </Group>
        ))}
        {canManage ? <Group><Button variant="default" size="xs" onClick={() => setLevels([...levels, { when: 'elapsed', percent: 200, notify: ['sms-manager'] }])}>Add level</Button></Group> : null}
        <Title order={3} size="h5" mt="sm">Assignment group addresses</Title>
        <Text size="sm" c="dimmed">Where "Assignment group" is told, by group name.</Text>
        {groups.map((g, i) => (
          <Group key={i} gap="xs" align="flex-start">
            <TextInput aria-label={`Group ${i + 1} name`} placeholder="Network" value={g.group} readOnly={!canManage} onChange={(e) => setGroups(groups.map((x, j) => (j === i ? { ...x, group: e.currentTarget.value } : x)))} />
            <TextInput aria-label={`Group ${i + 1} address`} placeholder="network@example.org" value={g.address} readOnly={!canManage} style={{ flex: 1 }} error={errors[`groupAddresses.${g.group.trim()}`]}
              onChange={(e) => setGroups(groups.map((x, j) => (j === i ? { ...x, address: e.currentTarget.value } : x)))} />
            {canManage ? <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove group ${i + 1}`} onClick={() => setGroups(groups.filter((_, j) => j !== i))}>×</ActionIcon> : null}
          </Group>
        ))}
        {canManage ? (
          <Group>
            <Button variant="default" size="xs" onClick={() => setGroups([...groups, { group: '', address: '' }])}>Add group address</Button>
            <Button onClick={save} loading={saving}>Save escalation levels</Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
