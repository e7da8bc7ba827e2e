import { Anchor, Button, FileInput, Group, Stack, Table } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useMetadata } from '../app/metadata';
import { useSignedIn } from '../app/session';
import { get, request } from '../shared/api';
import { formatBytes, formatInstant } from '../shared/format';
import type { Attachment, RecordType } from '../shared/types';
import { ListStates, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';

export function AttachmentsPanel({ recordType, recordKey, canEdit, onChanged }: { recordType: RecordType; recordKey: string; canEdit: boolean; onChanged(): void }) {
  const session = useSignedIn();
  const { personName } = useMetadata();
  const base = `/api/${recordType.plural}/${recordKey}/attachments`;
  const attachments = useAsync(base, (signal) => get<{ items: Attachment[] }>(base, signal));
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      await request(base, { method: 'POST', body: form });
      setFile(null);
      attachments.reload();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(attachment: Attachment) {
    setError(null);
    try {
      await request(`${base}/${attachment.id}`, { method: 'DELETE' });
      attachments.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Stack>
      <ListStates resource={attachments} loading="Loading attachments…" empty="No files attached">
      {(items) => (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">File</Table.Th>
              <Table.Th scope="col">Size</Table.Th>
              <Table.Th scope="col">Added</Table.Th>
              {canEdit ? <Table.Th scope="col">Actions</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor href={`${base}/${a.id}/content`} download={a.filename}>
                    {a.filename}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatBytes(a.size)}</Table.Td>
                <Table.Td>
                  {formatInstant(a.createdAt, session.user.timeZone)} by {personName(a.createdBy)}
                </Table.Td>
                {canEdit ? (
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => void remove(a)} aria-label={`Remove ${a.filename}`}>
                      Remove
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      </ListStates>
      {canEdit ? (
        <form onSubmit={upload} aria-label="Attach a file">
          <Stack gap="xs">
            <ProblemAlert error={error} />
            <Group align="flex-end">
              <FileInput label="Attach a file" placeholder="Choose a file" value={file} onChange={setFile} clearable style={{ flex: 1 }} />
              <Button type="submit" loading={busy} disabled={!file} variant="light">
                Upload
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}
