import { Button, Group, List, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { get } from '../api';
import { lastDays, type KpiResponse } from '../kpi';
import type { RecordPage } from '../types';
import { KpiGrid } from './KpiGrid';
import { ErrorState, LoadingState } from './states';
import { useAsync } from './useAsync';
import { usePageTitle } from './usePageTitle';

const presets = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
];

interface KpiPageProps {
  /** The page heading, e.g. "Problem KPIs". */
  title: string;
  /** One line on what the figures cover, starting with the clause. */
  summary: string;
  /** The KPI endpoint, e.g. `/api/problem-kpis`; it takes from, to and service. */
  endpoint: string;
}

/**
 * A process's KPIs for a period (the URL keeps it: from, to, service), each figure with what it
 * was computed from and its definition. The last 90 days unless the URL says otherwise.
 */
export function KpiPage({ title, summary, endpoint }: KpiPageProps) {
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const fallback = lastDays(90);
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  const service = params.get('service');
  const [draft, setDraft] = useState({ from, to });

  const services = useAsync('kpi services', (signal) => get<RecordPage>('/api/services?status=live&limit=200&sort=name', signal));
  const query = new URLSearchParams({ from, to, ...(service ? { service } : {}) });
  const kpis = useAsync(`${endpoint} ${query}`, (signal) => get<KpiResponse>(`${endpoint}?${query}`, signal));

  const choose = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const preset = (days: number) => {
    const period = lastDays(days);
    setDraft(period);
    choose(period);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    choose(draft);
  };
  const serviceOptions = (services.data?.items ?? []).map((s) => ({ value: s.reference, label: `${String(s.name)} (${s.reference})` }));

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{title}</Title>
        <Text c="gray.7">{summary}</Text>
      </div>
      <form onSubmit={submit} aria-label="Period and service">
        <Group align="flex-end" gap="sm">
          <TextInput type="date" label="From" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} required />
          <TextInput type="date" label="To" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} required />
          <Button type="submit" variant="light">Show</Button>
          <Select label="Service" placeholder="All services" data={serviceOptions} value={service} onChange={(value) => choose({ service: value })} clearable searchable w={280} />
        </Group>
      </form>
      <Group gap="xs" role="group" aria-label="Quick periods">
        {presets.map((p) => (
          <Button key={p.days} size="xs" variant="default" onClick={() => preset(p.days)}>{p.label}</Button>
        ))}
      </Group>
      {kpis.error ? <ErrorState error={kpis.error} onRetry={kpis.reload} /> : null}
      {!kpis.data && !kpis.error ? <LoadingState label="Computing the KPIs…" /> : null}
      {kpis.data ? (
        <section aria-label={`${title} from ${kpis.data.from} to ${kpis.data.to}`} aria-busy={kpis.loading}>
          <Text size="sm" c="gray.7" mb="sm">
            {kpis.data.from} to {kpis.data.to}, {kpis.data.service ? `service ${kpis.data.service}` : 'all services'}
          </Text>
          <KpiGrid items={kpis.data.items} />
          {kpis.data.notes?.length ? (
            <List size="sm" spacing={2} mt="sm" aria-label="About these figures">
              {kpis.data.notes.map((note) => <List.Item key={note}>{note}</List.Item>)}
            </List>
          ) : null}
        </section>
      ) : null}
    </Stack>
  );
}
