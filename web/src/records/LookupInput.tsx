import { Select, TextInput } from '@mantine/core';
import { get } from '../shared/api';
import { useAsync } from '../shared/ui/useAsync';
import { lookupOptions, type FieldLookup, type LookupItem } from './lookup';

interface LookupInputProps {
  lookup: FieldLookup;
  value: string;
  /** The current value's name, as the record gave it (referenceTitles). */
  valueName?: string;
  onChange(value: string | null): void;
  placeholder?: string;
  clearable?: boolean;
  common: {
    label: string;
    description?: string;
    error?: string;
    withAsterisk?: boolean;
    name?: string;
    autoFocus?: boolean;
    'aria-required'?: boolean;
  };
}

/**
 * Chooses what a lookup field names (a business calendar) by its name, from the lookup's list.
 * When the person may not read that list, a plain input takes the id and the server checks it.
 */
export function LookupInput({ lookup, value, valueName, onChange, placeholder, clearable, common }: LookupInputProps) {
  // Calendars are few: one page of the largest size the list gives holds them all.
  const list = useAsync(`lookup ${lookup.listPath}`, (signal) => get<{ items: LookupItem[] }>(`${lookup.listPath}?limit=200`, signal));
  if (list.error) return <TextInput {...common} value={value} placeholder={placeholder} onChange={(e) => onChange(e.currentTarget.value)} />;
  return (
    <Select
      {...common}
      data={lookupOptions(list.data?.items ?? [], value || null, valueName)}
      value={value || null}
      onChange={onChange}
      searchable
      clearable={clearable ?? !common.withAsterisk}
      placeholder={placeholder ?? `Choose a ${lookup.label}…`}
      nothingFoundMessage={`No ${lookup.label} matches`}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
