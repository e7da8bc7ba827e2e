import { Button, Group, Paper, Radio, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, get, request } from '../shared/api';
import { notify } from '../shared/ui/notify';
import { ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { useFocusOnError } from '../shared/ui/useFocusOnError';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { categoryChoices, emptyReport, impactChoices, missingInReport, reportFields, reportToSend, urgencyChoices, type Choice, type IncidentReport } from './portal-incident';
import type { PortalIncident, ServiceChoice } from './types';
import { PageTrail } from '../shared/ui/PageTrail';

const heading = 'Report a problem';

/** 8.6.1: a requester reports an incident in their own words; the service desk takes it from there. */
export function ReportIncidentPage() {
  usePageTitle(heading);
  const navigate = useNavigate();
  const services = useAsync('portal live services', (signal) => get<{ items: ServiceChoice[] }>('/api/services?status=live&sort=name&limit=200', signal));
  const [report, setReport] = useState<IncidentReport>(emptyReport);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusOnError<HTMLFormElement>(errors, error);
  const set = (patch: Partial<IncidentReport>) => setReport((r) => ({ ...r, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const missing = missingInReport(report);
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const { data } = await request<PortalIncident>('/api/incidents', { method: 'POST', body: reportToSend(report) });
      notify(`${data.reference} reported. We will keep you posted here.`);
      navigate(`/portal/incidents/${data.reference}`);
    } catch (e) {
      // A reason about one of the form's questions is shown at it; anything else in the alert.
      const atFields: Record<string, string> = {};
      if (e instanceof ApiError) {
        for (const [field, reason] of Object.entries(e.fieldErrors())) if ((reportFields as readonly string[]).includes(field)) atFields[field] = reason;
      }
      setErrors(atFields);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const serviceOptions = (services.data?.items ?? []).map((s) => ({ value: s.reference, label: s.name ?? s.reference }));
  return (
    <Stack gap="md" maw={720}>
      <PageTrail above={[{ label: 'Request portal', to: '/portal' }]} current={heading} />
      <Title order={1}>{heading}</Title>
      <Text>Tell us what is not working. The service desk picks it up, and you can follow it and reply in the portal.</Text>
      <Paper withBorder p="md">
        <form ref={formRef} onSubmit={submit} noValidate aria-label={heading}>
          <Stack>
            <Text size="sm" c="dimmed">Fields marked * are required.</Text>
            <ProblemAlert error={Object.keys(errors).length > 0 && !error ? new ApiError({ title: 'Some answers need attention', status: 400, detail: 'Correct the answers marked below and submit again.' }) : error} />
            <TextInput label="What is wrong?" description="In a few words, e.g. “Cannot print to the second-floor printer”" withAsterisk maxLength={200} value={report.shortDescription} onChange={(e) => set({ shortDescription: e.currentTarget.value })} error={errors.shortDescription} />
            <Textarea label="Details" description="What you were doing, what you saw, any error message" autosize minRows={3} maxLength={20000} value={report.description} onChange={(e) => set({ description: e.currentTarget.value })} error={errors.description} />
            <Select
              label="Which service?"
              description="Leave empty if you are not sure"
              placeholder={services.error ? 'The services could not be loaded' : 'Choose a service'}
              data={serviceOptions}
              value={report.service}
              onChange={(value) => set({ service: value })}
              searchable
              clearable
              nothingFoundMessage="No service matches"
              error={errors.service}
            />
            <Select label="What kind of problem is it?" withAsterisk placeholder="Choose one" data={categoryChoices} value={report.category} onChange={(value) => set({ category: value })} error={errors.category} />
            <ChoiceGroup label="How many people does it affect?" choices={impactChoices} value={report.impact} onChange={(impact) => set({ impact })} error={errors.impact} />
            <ChoiceGroup label="How urgent is it?" choices={urgencyChoices} value={report.urgency} onChange={(urgency) => set({ urgency })} error={errors.urgency} />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/portal">Cancel</Button>
              <Button type="submit" loading={busy}>Report the problem</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

function ChoiceGroup({ label, choices, value, onChange, error }: { label: string; choices: Choice[]; value: string | null; onChange(value: string): void; error?: string }) {
  return (
    <Radio.Group label={label} withAsterisk value={value} onChange={onChange} error={error}>
      <Group mt="xs">
        {choices.map((c) => <Radio key={c.value} value={c.value} label={c.label} aria-invalid={error ? true : undefined} />)}
      </Group>
    </Radio.Group>
  );
}
