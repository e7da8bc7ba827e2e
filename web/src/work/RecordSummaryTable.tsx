import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import { useSignedIn } from '../app/session';
import { formatInstant } from '../shared/format';
import type { RecordData, RecordType } from '../shared/types';
import { StatusBadge } from '../shared/ui/StatusBadge';

/** A compact list of records of one type: reference, title, status, last update. */
export function RecordSummaryTable({ recordType, records, caption }: { recordType: RecordType; records: RecordData[]; caption: string }) {
  const session = useSignedIn();
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table striped highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Reference</Table.Th>
            <Table.Th scope="col">Title</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Last updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/records/${recordType.plural}/${r.reference}`} fw={600}>
                  {r.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>{String(r[recordType.titleField] ?? '')}</Table.Td>
              <Table.Td>
                <StatusBadge recordType={recordType} status={r.status} label={r.statusLabel} />
              </Table.Td>
              <Table.Td>{formatInstant(r.updatedAt, session.user.timeZone)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
