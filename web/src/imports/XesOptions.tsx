import { Checkbox, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { XesKind, XesKindDefault, XesMapping } from './types';

/** The mapping attributes a request may override, with the words the page uses for them. */
const fields: { key: keyof XesMapping & ('reference' | 'status' | 'subStatus' | 'impact' | 'group' | 'product' | 'timestamp'); label: string; where: string }[] = [
  { key: 'reference', label: 'Case number', where: 'trace attribute' },
  { key: 'status', label: 'Status', where: 'event attribute' },
  { key: 'subStatus', label: 'Sub-status', where: 'event attribute' },
  { key: 'impact', label: 'Impact', where: 'event attribute' },
  { key: 'group', label: 'Group', where: 'event attribute' },
  { key: 'product', label: 'Product or service', where: 'event attribute' },
  { key: 'timestamp', label: 'Time', where: 'event attribute' },
];

export interface XesChoice {
  kind: XesKind | 'detect';
  overrides: Partial<Record<(typeof fields)[number]['key'], string>>;
  wallClock: boolean | null;
}

export const noXesChoice: XesChoice = { kind: 'detect', overrides: {}, wallClock: null };

/** The query string of an XES upload: only what the user changed from the defaults. */
export function xesQuery(choice: XesChoice): string {
  const params = new URLSearchParams({ dryRun: 'true' });
  if (choice.kind !== 'detect') params.set('kind', choice.kind);
  for (const [key, value] of Object.entries(choice.overrides)) if (value !== undefined && value.trim() !== '') params.set(key, value.trim());
  if (choice.wallClock !== null) params.set('wallClock', String(choice.wallClock));
  return params.toString();
}

/**
 * Before the check of an XES log: which kind of log it is (detected from its first trace unless
 * chosen) and which attributes say what. The defaults of the chosen kind show as placeholders;
 * whatever is typed overrides them, "-" for none.
 */
export function XesOptions({ kinds, choice, onChange }: { kinds: XesKindDefault[]; choice: XesChoice; onChange: (next: XesChoice) => void }) {
  const chosen = kinds.find((k) => k.kind === choice.kind) ?? null;
  const defaults = chosen?.mapping ?? kinds.find((k) => k.kind === 'bpic2013-incidents')?.mapping ?? null;
  return (
    <Stack gap="xs" aria-label="How the log is read" role="group">
      <Select
        label="Kind of log"
        description="Detected from the file's first trace unless you choose one"
        data={[{ value: 'detect', label: 'Detect from the file' }, ...kinds.map((k) => ({ value: k.kind, label: `${k.label} → ${k.recordType}` }))]}
        value={choice.kind}
        onChange={(value) => onChange({ ...choice, kind: (value ?? 'detect') as XesChoice['kind'] })}
        allowDeselect={false}
      />
      <Text size="sm">
        Attribute mapping{chosen ? ` (defaults of the ${chosen.label})` : ' (the defaults of the detected kind apply; those of the BPI Challenge 2013 incident log are shown)'}. Type an attribute key to override one, or “-” for none.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
        {fields.map((field) => (
          <TextInput
            key={field.key}
            label={field.label}
            description={field.where}
            placeholder={defaults ? (defaults[field.key] ?? '(none)') : ''}
            value={choice.overrides[field.key] ?? ''}
            onChange={(event) => onChange({ ...choice, overrides: { ...choice.overrides, [field.key]: event.currentTarget.value } })}
          />
        ))}
        <Checkbox
          mt="lg"
          label="Read times as wall-clock, ignoring their offset"
          checked={choice.wallClock ?? defaults?.wallClock ?? false}
          onChange={(event) => onChange({ ...choice, wallClock: event.currentTarget.checked })}
        />
      </SimpleGrid>
    </Stack>
  );
}
