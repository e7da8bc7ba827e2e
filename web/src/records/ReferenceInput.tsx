import { Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { get } from '../shared/api';
import type { ReferenceTarget } from '../shared/types';

interface Option {
  value: string;
  label: string;
}

/** A record as the picker offers it: `SVC-000004 — Payment gateway hosting`. */
export function optionLabel(reference: string, title: string): string {
  return title ? `${reference} — ${title}` : reference;
}

interface ReferenceInputProps {
  target: ReferenceTarget;
  /** Offer only records in these states (e.g. live services); null or absent for any. */
  states?: string[] | null;
  value: string;
  /** The current value's name, as the record gave it (referenceTitles), so the box shows it when the form opens. */
  valueName?: string;
  onChange(value: string | null): void;
  common: {
    label: string;
    description?: string;
    error?: string;
    withAsterisk?: boolean;
    name: string;
    autoFocus?: boolean;
    'aria-required'?: boolean;
  };
}

/**
 * Chooses a record of the field's target type by searching its list (reference or title), in
 * the states the field allows. When the person may not read that list, a plain input takes the
 * reference and the server checks it.
 */
export function ReferenceInput({ target, states, value, valueName, onChange, common }: ReferenceInputProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [options, setOptions] = useState<Option[]>([]);
  const [readable, setReadable] = useState(true);
  // The option last picked: the box then shows its label, which is not a search.
  const [chosen, setChosen] = useState<Option | null>(null);
  const stateFilter = states?.join(',') ?? '';
  // What the box shows for the value: the option last picked, else the name the record gave it.
  const chosenLabel = chosen?.value === value ? chosen.label : valueName ? optionLabel(value, valueName) : null;

  useEffect(() => {
    const controller = new AbortController();
    const query = new URLSearchParams({ limit: '20', sort: 'reference' });
    const term = debounced.trim();
    if (term && term !== value && term !== chosenLabel) query.set('q', term);
    if (stateFilter) query.set('status', stateFilter);
    get<{ items: Record<string, unknown>[] }>(`/api/${target.plural}?${query}`, controller.signal)
      .then((page) => setOptions(page.items.map((r) => ({ value: String(r.reference), label: optionLabel(String(r.reference), String(r[target.titleField] ?? '')) }))))
      .catch((error: unknown) => { if (!controller.signal.aborted) setReadable(false); return error; });
    return () => controller.abort();
  }, [debounced, target.plural, target.titleField, value, chosenLabel, stateFilter]);

  if (!readable) {
    return <TextInput {...common} placeholder={`${target.prefix}-000001`} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
  const data = value && !options.some((o) => o.value === value) ? [{ value, label: chosenLabel ?? value }, ...options] : options;
  return (
    <Select
      {...common}
      data={data}
      value={value || null}
      onChange={(v) => {
        setChosen(options.find((o) => o.value === v) ?? null);
        onChange(v);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      clearable={!common.withAsterisk}
      placeholder={`Search ${target.label.toLowerCase()}s…`}
      nothingFoundMessage={`No ${target.label.toLowerCase()} matches`}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
