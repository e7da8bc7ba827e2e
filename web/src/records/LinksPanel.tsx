import { Anchor, Button, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMetadata } from '../app/metadata';
import { ApiError, get, request, withSubject } from '../shared/api';
import type { RecordLink, RecordType } from '../shared/types';
import { StatusBadge } from '../shared/ui/StatusBadge';
import { ListStates, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';

export function LinksPanel({ recordType, recordKey, canEdit, onChanged }: { recordType: RecordType; recordKey: string; canEdit: boolean; onChanged(): void }) {
  const { linkTypes, byType } = useMetadata();
  const base = `/api/${recordType.plural}/${recordKey}/links`;
  const links = useAsync(base, (signal) => get<{ items: RecordLink[] }>(base, signal));
  const [linkType, setLinkType] = useState<string | null>(linkTypes[0]?.id ?? null);
  const [target, setTarget] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await request(base, { method: 'POST', body: { linkType, target: target.trim().toUpperCase() } });
      setTarget('');
      links.reload();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(link: RecordLink) {
    setError(null);
    try {
      await request(`${base}/${link.id}`, { method: 'DELETE' });
      links.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Stack>
      <ListStates resource={links} loading="Loading links…" empty="No linked records">
      {(items) => (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Relation</Table.Th>
              <Table.Th scope="col">Record</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              {canEdit ? <Table.Th scope="col">Actions</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((link) => {
              const otherType = byType(link.other.type);
              return (
                <Table.Tr key={link.id}>
                  <Table.Td>{link.label}</Table.Td>
                  <Table.Td>
                    {otherType?.permissions.read ? (
                      <Anchor component={Link} to={`/records/${otherType.plural}/${link.other.reference}`}>
                        {link.other.reference}
                      </Anchor>
                    ) : (
                      link.other.reference
                    )}{' '}
                    {link.other.title}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge recordType={otherType} status={link.other.status} />
                  </Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <Button size="xs" variant="subtle" color="red" onClick={() => void remove(link)} aria-label={`Remove link to ${link.other.reference}`}>
                        Remove
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      </ListStates>
      {canEdit ? (
        <form onSubmit={add} noValidate aria-label="Link to another record">
          <Stack gap="xs">
            <ProblemAlert error={Object.keys(fieldErrors).length ? null : error} />
            <Group align="flex-start" grow>
              <Select label="This record" data={linkTypes.map((t) => ({ value: t.id, label: t.label }))} value={linkType} onChange={setLinkType} error={withSubject('This record', fieldErrors.linkType)} allowDeselect={false} />
              <TextInput label="Other record’s reference" placeholder="IMP-000002" value={target} onChange={(e) => setTarget(e.currentTarget.value)} error={withSubject('Other record’s reference', fieldErrors.target)} />
            </Group>
            <Group>
              <Button type="submit" loading={busy} variant="light">
                Add link
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}
