import { Checkbox, Select, Textarea, TextInput } from '@mantine/core';
import type { AnswerValue, FormField } from './types';


/** One input for a question on a request form, by the kind of answer it wants. */
export function AnswerInput({ field, value, error, onChange }: { field: FormField; value: AnswerValue | undefined; error?: string; onChange(value: AnswerValue): void }) {
  const common = { label: field.label, description: field.help, error, withAsterisk: field.required, name: field.key, 'aria-required': field.required || undefined };
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'longText':
      return <Textarea {...common} autosize minRows={3} maxRows={10} maxLength={5000} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'enum':
      return <Select {...common} data={field.options ?? []} value={text || null} onChange={(v) => onChange(v)} placeholder="Choose…" clearable={!field.required} comboboxProps={{ withinPortal: true }} />;
    case 'date':
      return <TextInput {...common} type="date" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'boolean':
      return <Checkbox label={field.label} description={field.help} error={error} name={field.key} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
    default:
      return <TextInput {...common} maxLength={200} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

