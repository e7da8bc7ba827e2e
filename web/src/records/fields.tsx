import { Anchor, Checkbox, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useMetadata } from '../app/metadata';
import { useSignedIn } from '../app/session';
import { formatCalendarDate, formatInstant } from '../shared/format';
import { withSubject } from '../shared/api';
import type { FieldMeta, FieldValue, RecordType } from '../shared/types';
import { ReferenceInput } from './ReferenceInput';
import { LookupInput } from './LookupInput';
import { lookupPage } from './lookup';
import { businessDuration } from '../agreements/agreement-targets';

/** An integer field for reading; a count of minutes (a business-time target) as hours and minutes: 2,400 → 40h. */
export function integerText(field: Pick<FieldMeta, 'unit'>, value: unknown): string {
  return field.unit === 'minutes' ? businessDuration(Number(value)) : new Intl.NumberFormat('en-GB').format(Number(value));
}

/** A record field as text for reading: option labels, formatted dates, people's names. */
export function useFieldFormatter(): (field: FieldMeta, value: unknown) => string {
  const { personName } = useMetadata();
  const session = useSignedIn();
  return (field, value) => {
    if (value === null || value === undefined || value === '') return '—';
    switch (field.kind) {
      case 'enum':
        return field.options.find((o) => o.value === value)?.label ?? String(value);
      case 'date':
        return formatCalendarDate(String(value));
      case 'instant':
        return formatInstant(String(value), session.user.timeZone);
      case 'boolean':
        return value === true || value === 'true' ? 'Yes' : 'No';
      case 'user':
        return personName(String(value));
      case 'integer':
        return integerText(field, value);
      case 'json':
        return describeJson(value);
      default:
        return String(value);
    }
  };
}

/**
 * A field's value for reading: a reference field links to the record it names, with its name
 * beside the code; a lookup field (a calendar's id) reads as the name, linking to its page.
 */
export function FieldValueView({ field, value, format, title }: { field: FieldMeta; value: unknown; format: (field: FieldMeta, value: unknown) => string; title?: string }) {
  if (field.kind === 'reference' && field.target && typeof value === 'string' && value !== '') {
    return <Anchor component={Link} to={`/records/${field.target.plural}/${value}`}>{title ? `${value} ${title}` : value}</Anchor>;
  }
  // Without a name (the reader may not read calendars, or the id names none) the id is all there is.
  if (field.lookup && typeof value === 'string' && value !== '' && title) {
    const page = lookupPage(field.lookup, value);
    return page ? <Anchor component={Link} to={page}>{title}</Anchor> : <>{title}</>;
  }
  return <>{format(field, value)}</>;
}

export interface PersonOption {
  value: string;
  label: string;
}

/** Choices for an owner or user field: you, and everyone in the directory when it is readable. */
export function usePersonOptions(): PersonOption[] {
  const session = useSignedIn();
  const { people } = useMetadata();
  const others = people
    .filter((p) => p.id !== session.user.id)
    .map((p) => ({ value: p.id, label: p.displayName }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
  return [{ value: session.user.id, label: `${session.user.displayName} (you)` }, ...others];
}

/**
 * The person choices with the current value among them: someone no longer in the directory (left,
 * or not listed to this reader) still shows by name when the form opens, not as an empty box.
 */
export function withPerson(people: PersonOption[], id: string, personName: (id: string) => string): PersonOption[] {
  return id && !people.some((p) => p.value === id) ? [...people, { value: id, label: personName(id) }] : people;
}

interface FieldInputProps {
  field: FieldMeta;
  value: FieldValue;
  /** The name of what the value names, as the record gave it (referenceTitles), while the value is unchanged. */
  valueName?: string;
  onChange(value: FieldValue): void;
  error?: string;
  /** Mark as required even when the field is optional in general (e.g. needed by a transition). */
  required?: boolean;
  autoFocus?: boolean;
}

/** One input per field kind; `required` shows an asterisk but leaves checking to the server. */
export function FieldInput({ field, value, valueName, onChange, error, required, autoFocus }: FieldInputProps) {
  const people = usePersonOptions();
  const { personName } = useMetadata();
  const isRequired = required ?? field.required;
  const common = {
    label: field.label,
    description: field.help ?? undefined,
    error: withSubject(field.label, error),
    withAsterisk: isRequired,
    name: field.name,
    autoFocus,
    'aria-required': isRequired || undefined,
  };
  const text = value === null || value === undefined ? '' : String(value);
  switch (field.kind) {
    case 'json':
      return <Textarea {...common} description={common.description ?? 'As JSON'} autosize minRows={4} maxRows={16} value={text} styles={{ input: { fontFamily: 'monospace' } }} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'longText':
      return <Textarea {...common} autosize minRows={3} maxRows={12} value={text} maxLength={field.maxLength ?? undefined} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'enum':
      return <Select {...common} data={field.options} value={text || null} onChange={(v) => onChange(v)} clearable={!isRequired} allowDeselect={!isRequired} placeholder="Choose…" comboboxProps={{ withinPortal: true }} />;
    case 'date':
      return <TextInput {...common} type="date" value={text.slice(0, 10)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'instant':
      return <TextInput {...common} type="datetime-local" value={toLocalInput(text)} onChange={(e) => onChange(fromLocalInput(e.currentTarget.value))} />;
    case 'boolean':
      return <Checkbox label={field.label} description={common.description} error={common.error} name={field.name} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case 'integer':
      return <NumberInput {...common} value={text === '' ? '' : Number(text)} allowDecimal={false} onChange={(v) => onChange(v === '' ? null : Number(v))} />;
    case 'reference':
      return field.target
        ? <ReferenceInput target={field.target} states={field.targetStates} value={text} valueName={valueName} onChange={onChange} common={common} />
        : <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'user':
      return <Select {...common} data={withPerson(people, text, personName)} value={text || null} onChange={(v) => onChange(v)} clearable searchable placeholder={field.emptyLabel ?? 'Nobody'} />;
    default:
      if (field.lookup) return <LookupInput lookup={field.lookup} value={text} valueName={valueName} onChange={onChange} common={common} />;
      return <TextInput {...common} value={text} maxLength={field.maxLength ?? undefined} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

/** A structured (json) value as readable lines: one numbered line per list entry, "name: value" for objects. */
export function describeJson(value: unknown): string {
  const scalar = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : Array.isArray(v) ? v.map(scalar).join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const entry = (v: unknown): string =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== undefined && x !== '').map(([k, x]) => `${k}: ${scalar(x)}`).join('; ')
      : scalar(v);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v, i) => `${i + 1}. ${entry(v)}`).join('\n');
  if (value !== null && typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${scalar(v)}`).join('\n');
  return scalar(value);
}

/**
 * Fields a person fills in when creating or editing: not those the server maintains, and not
 * transition-only ones, which the transition that needs them asks for.
 */
export function editableFields(recordType: RecordType, creating = false): FieldMeta[] {
  return recordType.fields.filter((f) => !f.transitionOnly && !f.readOnly && !(creating && f.notOnCreate));
}

/** An instant as the value of a datetime-local input, in the browser's zone. */
function toLocalInput(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Blank inputs become "not given" on create and null on edit, so the server judges what is required. */
export function normaliseValue(value: FieldValue | undefined): FieldValue {
  if (value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  return value;
}
