import { Checkbox, Group, Select, TextInput } from '@mantine/core';
import { keyFromLabel } from './request-logic';
import { RowsEditor } from './RowsEditor';
import type { FormField, FormFieldKind, TaskTemplate } from './types';

const kinds: { value: FormFieldKind; label: string }[] = [
  { value: 'text', label: 'Short text' }, { value: 'longText', label: 'Long text' }, { value: 'enum', label: 'Choice' },
  { value: 'date', label: 'Date' }, { value: 'boolean', label: 'Yes / no' },
];

type Errors = Record<string, string>;

export function FormFieldsEditor({ rows, readOnly, errors, onChange }: { rows: FormField[]; readOnly: boolean; errors: Errors; onChange(rows: FormField[]): void }) {
  return (
    <RowsEditor<FormField>
      noun="question" rows={rows} readOnly={readOnly} onChange={onChange}
      blank={() => ({ key: '', label: '', kind: 'text', required: false })}
      rowLabel={(row, i) => `Question ${i + 1}${row.label ? `: ${row.label}` : ''}`}
      renderRow={(row, i, update) => (
        <Group align="flex-start" gap="xs" grow>
          <TextInput label="Question" required readOnly={readOnly} value={row.label} error={errors[`formFields.${i}.label`]}
            onChange={(e) => { const label = e.currentTarget.value; update({ ...row, label, key: row.key === '' || row.key === keyFromLabel(row.label) ? keyFromLabel(label) : row.key }); }} />
          <TextInput label="Key" description="Stable name of the answer" readOnly={readOnly} value={row.key} error={errors[`formFields.${i}.key`]} onChange={(e) => update({ ...row, key: e.currentTarget.value })} />
          <Select label="Answer" data={kinds} readOnly={readOnly} value={row.kind} allowDeselect={false} error={errors[`formFields.${i}.kind`]} onChange={(v) => update({ ...row, kind: (v ?? 'text') as FormFieldKind })} comboboxProps={{ withinPortal: true }} />
          {row.kind === 'enum' ? (
            <TextInput label="Options" description="Separated by commas" readOnly={readOnly} value={(row.options ?? []).join(', ')} error={errors[`formFields.${i}.options`]}
              onChange={(e) => update({ ...row, options: e.currentTarget.value.split(',').map((o) => o.trim()).filter(Boolean) })} />
          ) : null}
          <Checkbox label="Required" mt={30} disabled={readOnly} checked={row.required} onChange={(e) => update({ ...row, required: e.currentTarget.checked })} />
        </Group>
      )}
    />
  );
}

export function TasksEditor({ rows, readOnly, errors, onChange }: { rows: TaskTemplate[]; readOnly: boolean; errors: Errors; onChange(rows: TaskTemplate[]): void }) {
  return (
    <RowsEditor<TaskTemplate>
      noun="task" rows={rows} readOnly={readOnly} onChange={onChange}
      blank={() => ({ title: '' })}
      rowLabel={(row, i) => `Task ${i + 1}${row.title ? `: ${row.title}` : ''}`}
      renderRow={(row, i, update) => (
        <Group align="flex-start" gap="xs" grow>
          <TextInput label="Task" required readOnly={readOnly} value={row.title} error={errors[`tasks.${i}.title`]} onChange={(e) => update({ ...row, title: e.currentTarget.value })} />
          <TextInput label="Group" description="The fulfilment group when empty" readOnly={readOnly} value={row.group ?? ''} error={errors[`tasks.${i}.group`]}
            onChange={(e) => { const group = e.currentTarget.value; update(group ? { ...row, group } : { title: row.title }); }} />
        </Group>
      )}
    />
  );
}
