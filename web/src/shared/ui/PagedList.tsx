import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { get } from '../api';
import { firstPage, nextPage, pageSummary, previousPage, type CursorTrail } from '../paging';
import { useAsync, type AsyncState } from './useAsync';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number | null;
}

export interface PagedList<T> {
  list: AsyncState<Page<T>>;
  trail: CursorTrail;
  pageSize: number;
  next(): void;
  previous(): void;
}

/**
 * One page at a time of a record list (`path` with its filters and sort): the server's keyset
 * pages by `limit` and `cursor`, with the total counted, so a long list is never loaded whole.
 */
export function usePagedList<T>(path: string, pageSize: number): PagedList<T> {
  const [trail, setTrail] = useState<CursorTrail>(firstPage);
  const [seenPath, setSeenPath] = useState(path);
  if (seenPath !== path) {
    setSeenPath(path);
    setTrail(firstPage);
  }
  const query = new URLSearchParams({ limit: String(pageSize), count: 'true' });
  if (trail.current) query.set('cursor', trail.current);
  const url = `${path}${path.includes('?') ? '&' : '?'}${query}`;
  const list = useAsync(url, (signal) => get<Page<T>>(url, signal));
  const cursor = list.data?.nextCursor ?? null;
  return {
    list, trail, pageSize,
    next: () => { if (cursor) setTrail(nextPage(trail, cursor)); },
    previous: () => setTrail(previousPage(trail)),
  };
}

/** Which rows are shown and of how many, and the buttons to the pages either side (only when there are any). */
export function PageNav<T>({ paged, noun, label }: { paged: PagedList<T>; noun: string; label: string }) {
  const page = paged.list.data;
  if (!page) return null;
  const more = page.nextCursor !== null;
  const paging = more || paged.trail.before.length > 0;
  return (
    <Group justify="space-between" mt="sm" component="nav" aria-label={label}>
      <Text size="sm" role="status" aria-live="polite">
        {pageSummary(paged.trail, paged.pageSize, page.items.length, page.total, more, noun)}
        {paged.list.loading ? ' · updating…' : ''}
      </Text>
      {paging ? (
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={paged.trail.before.length === 0} onClick={paged.previous}>Previous page</Button>
          <Button variant="default" size="xs" disabled={!more} onClick={paged.next}>Next page</Button>
        </Group>
      ) : null}
    </Group>
  );
}
