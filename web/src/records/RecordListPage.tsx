import { Anchor, Button, Group, Stack, Table, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { NotFoundPage } from '../app/NotFoundPage';
import { useMetadata } from '../app/metadata';
import { useSignedIn } from '../app/session';
import { get } from '../shared/api';
import { formatInstant } from '../shared/format';
import type { RecordPage, RecordType } from '../shared/types';
import { StatusBadge } from '../shared/ui/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { FieldValueView, useFieldFormatter } from './fields';
import { ListFilters } from './ListFilters';
import { apiListQuery, defaultSort, listFilterKeys, nextSort, sortableColumns } from './list-query';
import { useRecordType } from './useRecordType';

const pageSize = 25;

export function RecordListPage() {
  const recordType = useRecordType();
  if (!recordType) return <NotFoundPage what="list" />;
  return <RecordList key={recordType.type} recordType={recordType} />;
}

interface Column {
  id: string;
  label: string;
}

function RecordList({ recordType }: { recordType: RecordType }) {
  usePageTitle(recordType.labelPlural);
  const session = useSignedIn();
  const { personName } = useMetadata();
  const format = useFieldFormatter();
  const [params, setParams] = useSearchParams();
  // Cursors of the pages before this one, for "Previous"; reset whenever the filters change.
  const [cursors, setCursors] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const filterKey = apiListQuery(recordType, params, {}).toString();
  const [seenFilterKey, setSeenFilterKey] = useState(filterKey);
  if (seenFilterKey !== filterKey) {
    setSeenFilterKey(filterKey);
    setCursors([]);
    setCursor(null);
  }

  const query = apiListQuery(recordType, params, { limit: String(pageSize), count: 'true', cursor });
  const list = useAsync(`${recordType.plural}?${query}`, (signal) => get<RecordPage>(`/api/${recordType.plural}?${query}`, signal));
  const csvQuery = apiListQuery(recordType, params, { format: 'csv' });

  const sort = params.get('sort') ?? defaultSort;
  const sortable = sortableColumns(recordType);
  const listFields = recordType.listFields.map((name) => recordType.fields.find((f) => f.name === name)).filter((f) => f !== undefined);
  const titleField = recordType.titleField;
  const columns: Column[] = [
    { id: 'reference', label: 'Reference' },
    ...listFields.map((f) => ({ id: f.name, label: f.label })),
    { id: 'status', label: 'Status' },
    { id: 'owner', label: 'Owner' },
    { id: 'updatedAt', label: 'Last updated' },
  ];

  function update(updates: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(updates)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  }

  function clear() {
    const next = new URLSearchParams(params);
    for (const key of listFilterKeys(recordType)) if (key !== 'sort') next.delete(key);
    setParams(next);
  }

  const page = list.data;
  const first = cursors.length * pageSize + 1;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{recordType.labelPlural}</Title>
          <Text c="dimmed" size="sm">
            ISO/IEC 20000-1 clause {recordType.clause}
          </Text>
        </div>
        <Group gap="xs">
          <Button component="a" href={`/api/${recordType.plural}?${csvQuery}`} variant="default" download={`${recordType.plural}.csv`}>
            Export CSV
          </Button>
          {recordType.permissions.create ? (
            <Button component={Link} to={`/records/${recordType.plural}/new`}>
              New {recordType.label.toLowerCase()}
            </Button>
          ) : null}
        </Group>
      </Group>

      <ListFilters recordType={recordType} params={params} onChange={update} onClear={clear} />

      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !page ? <LoadingState /> : null}
      {page && !list.error ? (
        <>
          <Text size="sm" aria-live="polite" role="status">
            {page.items.length === 0
              ? 'No records match.'
              : `Showing ${first}–${first + page.items.length - 1}${page.total !== null ? ` of ${page.total}` : ''}`}
            {list.loading ? ' · updating…' : ''}
          </Text>
          {page.items.length === 0 ? (
            <EmptyState title={`No ${recordType.labelPlural.toLowerCase()} found`}>
              {params.toString() ? 'Try clearing some filters.' : recordType.permissions.create ? `Create the first one with “New ${recordType.label.toLowerCase()}”.` : null}
            </EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Caption>
                  {recordType.labelPlural}, sorted by {columns.find((c) => c.id === sort.replace(/^-/, ''))?.label.toLowerCase() ?? 'date created'}
                  {sort.startsWith('-') ? ', descending' : ', ascending'}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {columns.map((column) => {
                      const active = sort.replace(/^-/, '') === column.id;
                      const ariaSort = active ? (sort.startsWith('-') ? 'descending' : 'ascending') : undefined;
                      return (
                        <Table.Th key={column.id} aria-sort={ariaSort} scope="col">
                          {sortable.has(column.id) ? (
                            <UnstyledButton onClick={() => update({ sort: nextSort(sort, column.id) === defaultSort ? null : nextSort(sort, column.id) })} fw={700} fz="sm">
                              {column.label}
                              <span aria-hidden> {active ? (sort.startsWith('-') ? '▼' : '▲') : '↕'}</span>
                              <VisuallyHidden>, sort</VisuallyHidden>
                            </UnstyledButton>
                          ) : (
                            column.label
                          )}
                        </Table.Th>
                      );
                    })}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((record) => (
                    <Table.Tr key={record.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Anchor component={Link} to={`/records/${recordType.plural}/${record.reference}`} fw={600}>
                          {record.reference}
                        </Anchor>
                      </Table.Td>
                      {listFields.map((field) => (
                        <Table.Td key={field.name}>
                          {field.name === titleField ? (
                            <Anchor component={Link} to={`/records/${recordType.plural}/${record.reference}`} c="inherit" tabIndex={-1}>
                              {format(field, record[field.name])}
                            </Anchor>
                          ) : (
                            <FieldValueView field={field} value={record[field.name]} format={format} title={record.referenceTitles?.[field.name]} />
                          )}
                        </Table.Td>
                      ))}
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <StatusBadge recordType={recordType} status={record.status} label={record.statusLabel} />
                      </Table.Td>
                      <Table.Td>{personName(record.ownerId)}</Table.Td>
                      <Table.Td>{formatInstant(record.updatedAt, session.user.timeZone)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group justify="space-between" component="nav" aria-label="Pages">
            <Button
              variant="default"
              disabled={cursors.length === 0}
              onClick={() => {
                const previous = cursors.slice(0, -1);
                setCursor(cursors[cursors.length - 1] ?? null);
                setCursors(previous);
              }}
            >
              Previous page
            </Button>
            <Button
              variant="default"
              disabled={!page.nextCursor}
              onClick={() => {
                setCursors([...cursors, cursor ?? '']);
                setCursor(page.nextCursor);
              }}
            >
              Next page
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}
