import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { ClocksPanel } from '../clocks/ClocksPanel';
import { get } from '../shared/api';
import type { ApiResponse } from '../shared/api-schema';
import type { RecordData } from '../shared/types';
import { useAsync } from '../shared/ui/useAsync';

type RequestClocks = ApiResponse<'service-request-clocks'>;

/** A request's fulfilment clock, replayed from its history (8.6.2). */
export function RequestClockPanel({ record }: { record: RecordData }) {
  const path = `/api/service-requests/${record.reference}/clocks`;
  const loaded = useAsync(`${path} ${record.version}`, (signal) => get<RequestClocks>(path, signal));
  const calendar = loaded.data?.calendar ?? null;
  return (
    <ClocksPanel
      clocks={loaded.data?.clocks}
      error={loaded.error}
      onRetry={loaded.reload}
      basis={loaded.data
        ? calendar
          ? <>Counted in <Anchor component={Link} to={`/calendars/${calendar.id}`} underline="always">{calendar.name}</Anchor> ({calendar.timeZone})</>
          : 'Counted round the clock'
        : null}
      empty={{ title: 'No fulfilment target', text: 'The request model sets no target, so no clock runs.' }}
    />
  );
}
