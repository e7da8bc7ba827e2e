import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { ClocksPanel } from '../clocks/ClocksPanel';
import { get } from '../shared/api';
import type { ApiResponse } from '../shared/api-schema';
import type { RecordData } from '../shared/types';
import { useAsync } from '../shared/ui/useAsync';

type IncidentClocks = ApiResponse<'incident-clocks'>;

/** An incident's SLA, OLA and contract clocks, replayed from its history (8.6.1). */
export function IncidentClocksPanel({ record }: { record: RecordData }) {
  const path = `/api/incidents/${record.reference}/clocks`;
  const loaded = useAsync(`${path} ${record.version}`, (signal) => get<IncidentClocks>(path, signal));
  const sla = loaded.data?.sla ?? null;
  return (
    <ClocksPanel
      clocks={loaded.data?.clocks}
      error={loaded.error}
      onRetry={loaded.reload}
      basis={sla ? <>Under <Anchor component={Link} to={`/records/slas/${sla.reference}`} underline="always">{sla.reference}</Anchor> {sla.title}</> : null}
      empty={sla
        ? { title: 'No clocks', text: `${sla.reference} has no targets for this incident, or its calendar is missing.` }
        : { title: 'No service level applies', text: 'Set a service with an SLA in force and its clocks appear here.' }}
    />
  );
}
