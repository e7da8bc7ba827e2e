import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { get } from '../shared/api';
import { lastDays, type KpiResponse } from '../shared/kpi';
import type { RecordPage } from '../shared/types';
import { KpiGrid } from '../shared/ui/KpiGrid';
import { ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';

/** 8.6.2: how request fulfilment is doing over a period, for all services or one. */
export function RequestKpisPage() {
  usePageTitle('Request KPIs');
  const [params, setParams] = useSearchParams();
  const fallback = lastDays(90);
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  const service = params.get('service');
  const [draft, setDraft] = useState({ from, to });
  const services = useAsync('request-kpi services', (signal) => get<RecordPage>('/api/services?status=live&limit=200&sort=name', signal));
  const query = new URLSearchParams({ from, to, ...(service ? { service } : {}) });
  const kpis = useAsync(`request-kpis ${query}`, (signal) => get<KpiResponse>(`/api/request-kpis?${query}`, signal));
  const choose = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    choose(draft);
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Request KPIs</Title>
        <Text c="gray.7">Clause 8.6.2: requests raised and fulfilled, targets met, fulfilment and approval times, rejections and satisfaction.</Text>
      </div>
      <form onSubmit={submit} aria-label="Period and service">
        <Group align="flex-end" gap="sm">
          <TextInput type="date" label="From" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} required />
          <TextInput type="date" label="To" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} required />
          <Button type="submit" variant="light">Show</Button>
          <Select label="Service" placeholder="All services" clearable searchable w={280} value={service} onChange={(value) => choose({ service: value })}
            data={(services.data?.items ?? []).map((s) => ({ value: s.reference, label: `${String(s.name)} (${s.reference})` }))} />
        </Group>
      </form>
      {kpis.error ? <ErrorState error={kpis.error} onRetry={kpis.reload} /> : null}
      {!kpis.data && !kpis.error ? <LoadingState label="Computing the KPIs…" /> : null}
      {kpis.data ? (
        <section aria-label={`Request KPIs from ${kpis.data.from} to ${kpis.data.to}`} aria-busy={kpis.loading}>
          <Text size="sm" c="gray.7" mb="sm">{kpis.data.from} to {kpis.data.to}, {kpis.data.service ? `service ${kpis.data.service}` : 'all services'}</Text>
          <KpiGrid items={kpis.data.items} />
        </section>
      ) : null}
    </Stack>
  );
}
