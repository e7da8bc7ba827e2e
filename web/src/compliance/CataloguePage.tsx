import { Accordion, Anchor, Box, Button, Grid, Group, Paper, Select, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { get } from '../shared/api';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import type { Clause, ClauseTree, Framework, Page, Requirement, RequirementDetail } from './types';

export function CataloguePage() {
  usePageTitle('Requirement catalogue');
  const [params, setParams] = useSearchParams();
  const clause = params.get('clause') ?? '';
  const framework = params.get('framework') ?? '';
  const words = params.get('q') ?? '';
  const tree = useAsync<ClauseTree>('clauses', (signal) => get<ClauseTree>('/api/catalogue/clauses', signal));
  const frameworks = useAsync<Framework[]>('frameworks', async (signal) => (await get<{ items: Framework[] }>('/api/catalogue/frameworks', signal)).items);

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  if (tree.error && !tree.data) return <ErrorState error={tree.error} onRetry={tree.reload} />;
  if (!tree.data) return <LoadingState label="Loading the catalogue…" />;

  return (
    <Stack gap="md">
      <Title order={1}>Requirement catalogue</Title>
      <Text size="sm">
        {tree.data.catalogue.title}, version {tree.data.catalogue.version}. Choose a clause to see its requirements: what the organisation does, what an auditor verifies, the typical evidence and how other frameworks map to it.
      </Text>
      <Group align="flex-end">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            set('q', String(new FormData(event.currentTarget).get('q') ?? '').trim());
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput
              key={words}
              name="q"
              label="Find requirements"
              defaultValue={words}
              w={280}
              maxLength={100}
              description="Words, or an id: the guide's numbers are found too"
            />
            <Button type="submit" variant="default">
              Find
            </Button>
          </Group>
        </form>
        <Select
          label="Framework"
          placeholder="All requirements"
          w={320}
          clearable
          data={(frameworks.data ?? []).map((f) => ({ value: f.id, label: `${f.title} ${f.version}` }))}
          value={framework || null}
          onChange={(v) => set('framework', v ?? '')}
          description={frameworks.error ? 'The frameworks could not be loaded.' : 'Only requirements mapped to this framework'}
        />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="xs" component="nav" aria-label="Clauses">
            <UnstyledButton onClick={() => set('clause', '')} aria-current={clause === '' ? 'true' : undefined} px="xs" py={4} fw={clause === '' ? 700 : 400} display="block">
              <Text size="sm" fw="inherit">All clauses</Text>
            </UnstyledButton>
            <ClauseList clauses={tree.data.items} selected={clause} onSelect={(id) => set('clause', id)} depth={0} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Requirements clause={clause} framework={framework} words={words} frameworks={frameworks.data ?? []} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function ClauseList({ clauses, selected, onSelect, depth }: { clauses: Clause[]; selected: string; onSelect: (id: string) => void; depth: number }) {
  if (clauses.length === 0) return null;
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {clauses.map((c) => (
        <li key={c.id}>
          <UnstyledButton
            onClick={() => onSelect(c.id)}
            aria-current={selected === c.id ? 'true' : undefined}
            display="block"
            w="100%"
            py={3}
            pr="xs"
            pl={8 + depth * 14}
            style={{ borderRadius: 4, background: selected === c.id ? 'var(--mantine-color-indigo-0)' : undefined }}
          >
            <Text size="sm" fw={selected === c.id ? 700 : 400}>
              {c.number} {c.title}
              {c.requirements.length > 0 ? (
                <Text span size="xs" c="dark.6">
                  {' '}
                  ({c.requirements.length})
                </Text>
              ) : null}
            </Text>
          </UnstyledButton>
          <ClauseList clauses={c.children} selected={selected} onSelect={onSelect} depth={depth + 1} />
        </li>
      ))}
    </Box>
  );
}

function Requirements({ clause, framework, words, frameworks }: { clause: string; framework: string; words: string; frameworks: Framework[] }) {
  const query = new URLSearchParams({ limit: '500' });
  if (clause) query.set('clause', clause);
  if (framework) query.set('framework', framework);
  if (words) query.set('q', words);
  const qs = query.toString();
  const list = useAsync<Page<Requirement>>(qs, (signal) => get<Page<Requirement>>(`/api/catalogue/requirements?${qs}`, signal));
  const frameworkTitle = frameworks.find((f) => f.id === framework)?.title;

  return (
    <Stack gap="xs" component="section" aria-labelledby="requirements-heading">
      <Title order={2} size="h4" id="requirements-heading">
        {clause ? `Requirements of clause ${clause}` : 'All requirements'}
        {frameworkTitle ? ` mapped to ${frameworkTitle}` : ''}
        {words ? ` matching “${words}”` : ''}
        {list.data ? ` (${list.data.total})` : ''}
      </Title>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {!list.data && !list.error ? <LoadingState label="Loading requirements…" /> : null}
      {list.data && list.data.items.length === 0 ? <EmptyState title="No requirements">Nothing in this clause matches the filter.</EmptyState> : null}
      {list.data && list.data.items.length > 0 ? (
        <Accordion variant="separated" multiple>
          {list.data.items.map((r) => (
            <Accordion.Item key={r.id} value={r.id}>
              <Accordion.Control>
                <Text size="sm" fw={600}>
                  {r.id} {r.title}
                </Text>
                <Text size="xs" c="dark.6">
                  {r.clauseNumber} {r.clauseTitle}
                  {r.guideId ? ` · ${r.guideId} in the guide's numbering` : ''}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <RequirementBody requirement={r} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : null}
    </Stack>
  );
}

function RequirementBody({ requirement }: { requirement: Requirement }) {
  const detail = useAsync<RequirementDetail>(requirement.id, (signal) => get<RequirementDetail>(`/api/catalogue/requirements/${encodeURIComponent(requirement.id)}`, signal));
  const byFramework = new Map<string, { title: string; targets: string[] }>();
  for (const m of detail.data?.mappings ?? []) {
    const entry = byFramework.get(m.framework) ?? { title: m.frameworkTitle, targets: [] };
    for (const t of m.targets) {
      const label = `${t.id} ${t.title}`;
      if (!entry.targets.includes(label)) entry.targets.push(label);
    }
    byFramework.set(m.framework, entry);
  }
  return (
    <Stack gap={6}>
      <Text size="sm">{requirement.statement}</Text>
      <Text size="sm">
        <b>An auditor verifies:</b> {requirement.verify}
      </Text>
      <Text size="sm">
        <b>Typical evidence:</b> {requirement.evidence.join('; ') || '—'}
      </Text>
      {requirement.relatedClauses.length > 0 ? (
        <Text size="sm">
          <b>Related clauses:</b> {requirement.relatedClauses.join(', ')}
        </Text>
      ) : null}
      {detail.error ? <Text size="sm" c="red.9">The mappings could not be loaded.</Text> : null}
      {detail.data ? (
        <>
          <Text size="sm" fw={700}>
            Framework mappings
          </Text>
          {byFramework.size === 0 ? (
            <Text size="sm">None.</Text>
          ) : (
            <Box component="ul" m={0} pl="md">
              {[...byFramework.values()].map((f) => (
                <li key={f.title}>
                  <Text size="sm">
                    <b>{f.title}:</b> {f.targets.join('; ')}
                  </Text>
                </li>
              ))}
            </Box>
          )}
          {detail.data.readinessItems.length > 0 ? (
            <Text size="sm">
              <b>Readiness items:</b>{' '}
              <Anchor component={Link} to="/compliance/readiness" size="sm">
                {detail.data.readinessItems.map((i) => `${i.id} ${i.title}`).join('; ')}
              </Anchor>
            </Text>
          ) : null}
          {detail.data.pitfalls.length > 0 ? (
            <Text size="sm">
              <b>Common pitfalls:</b> {detail.data.pitfalls.map((p) => p.title).join('; ')}
            </Text>
          ) : null}
        </>
      ) : !detail.error ? (
        <Text size="sm" c="dimmed">Loading mappings…</Text>
      ) : null}
    </Stack>
  );
}
