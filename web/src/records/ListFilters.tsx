import { Button, Collapse, Group, MultiSelect, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { RecordType } from '../shared/types';
import { usePersonOptions } from './fields';
import { LookupInput } from './LookupInput';
import { statusChange, statusOptions, statusSelection } from './list-query';

interface ListFiltersProps {
  recordType: RecordType;
  params: URLSearchParams;
  onChange(updates: Record<string, string | null>): void;
  onClear(): void;
}

/** Filters write straight into the URL; free text applies on Enter or "Search". */
export function ListFilters({ recordType, params, onChange, onClear }: ListFiltersProps) {
  const [q, setQ] = useState(params.get('q') ?? '');
  useEffect(() => setQ(params.get('q') ?? ''), [params]);
  const people = usePersonOptions();

  const ownerOptions = [{ value: 'me', label: 'Me' }, { value: 'none', label: 'Nobody' }, ...people.slice(1)];
  const filterable = recordType.fields.filter((f) => f.filterable);
  const secondaryKeys = ['createdFrom', 'createdTo', ...filterable.flatMap((f) => (f.kind === 'date' || f.kind === 'instant' ? [`${f.name}From`, `${f.name}To`] : [f.name]))];
  const secondaryActive = secondaryKeys.filter((k) => params.get(k)).length;
  const [more, setMore] = useState(secondaryActive > 0);

  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ q: q.trim() || null });
  }

  return (
    <Paper withBorder p="sm" mb="md" component="section" aria-label="Filters">
      <form onSubmit={submit}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <TextInput label="Text" placeholder="Reference or words" value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" />
          <Select label="Status" placeholder="Any status" data={statusOptions(recordType)} value={statusSelection(recordType, params)} onChange={(v) => onChange(statusChange(v))} clearable />
          <Select label="Owner" placeholder="Anyone" data={ownerOptions} value={params.get('owner')} onChange={(v) => onChange({ owner: v })} clearable searchable />
        </SimpleGrid>
        <Collapse expanded={more} id="more-filters">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" mt="sm">
          {filterable.map((field) =>
            field.kind === 'date' || field.kind === 'instant' ? (
              <Group key={field.name} grow gap="xs" align="flex-start">
                <TextInput type="date" label={`${field.label} from`} value={params.get(`${field.name}From`) ?? ''} onChange={(e) => onChange({ [`${field.name}From`]: e.currentTarget.value || null })} />
                <TextInput type="date" label={`${field.label} to`} value={params.get(`${field.name}To`) ?? ''} onChange={(e) => onChange({ [`${field.name}To`]: e.currentTarget.value || null })} />
              </Group>
            ) : field.kind === 'user' ? (
              <Select key={field.name} label={field.label} placeholder="Anyone" data={people} value={params.get(field.name)} onChange={(v) => onChange({ [field.name]: v })} clearable searchable />
            ) : field.kind === 'boolean' ? (
              <Select
                key={field.name}
                label={field.label}
                placeholder="Either"
                data={[
                  { value: 'true', label: 'Yes' },
                  { value: 'false', label: 'No' },
                ]}
                value={params.get(field.name)}
                onChange={(v) => onChange({ [field.name]: v })}
                clearable
              />
            ) : field.kind === 'enum' ? (
              <MultiSelect
                key={field.name}
                label={field.label}
                placeholder={params.get(field.name) ? undefined : 'Any'}
                data={field.options}
                value={(params.get(field.name) ?? '').split(',').filter(Boolean)}
                onChange={(v) => onChange({ [field.name]: v.join(',') || null })}
                clearable
              />
            ) : field.lookup ? (
              <LookupInput key={field.name} lookup={field.lookup} value={params.get(field.name) ?? ''} onChange={(v) => onChange({ [field.name]: v || null })} placeholder="Any" clearable common={{ label: field.label }} />
            ) : (
              <TextInput key={field.name} label={field.label} value={params.get(field.name) ?? ''} onChange={(e) => onChange({ [field.name]: e.currentTarget.value || null })} />
            ),
          )}
          <Group grow gap="xs" align="flex-start">
            <TextInput type="date" label="Created from" value={params.get('createdFrom') ?? ''} onChange={(e) => onChange({ createdFrom: e.currentTarget.value || null })} />
            <TextInput type="date" label="Created to" value={params.get('createdTo') ?? ''} onChange={(e) => onChange({ createdTo: e.currentTarget.value || null })} />
          </Group>
          </SimpleGrid>
        </Collapse>
        <Group mt="sm" gap="xs">
          <Button type="submit" size="xs">
            Search
          </Button>
          <Button type="button" size="xs" variant="subtle" onClick={() => setMore(!more)} aria-expanded={more} aria-controls="more-filters">
            {more ? 'Fewer filters' : `More filters${secondaryActive ? ` (${secondaryActive} set)` : ''}`}
          </Button>
          <Button type="button" size="xs" variant="default" onClick={onClear}>
            Clear filters
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
