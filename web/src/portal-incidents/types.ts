import type { RecordData } from '../shared/types';

/** An incident as the API shows it to the requester who reported it. */
export interface PortalIncident extends RecordData {
  shortDescription: string;
  description: string | null;
  callerId: string | null;
  service: string | null;
  category: string;
  impact: string;
  urgency: string;
  priority: string | null;
  resolutionCode: string | null;
  resolutionNotes: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
}

/** A live catalogue service, as the report form offers it. */
export interface ServiceChoice {
  reference: string;
  name: string;
}
