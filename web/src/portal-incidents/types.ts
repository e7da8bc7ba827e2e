import type { ApiResponse } from '../shared/api-schema';
import type { RecordData } from '../shared/types';

/**
 * An incident as the API shows it to the requester who reported it: the incident record's
 * generated type (`npm run api-types`), with RecordData's by-name access the record pages use.
 */
export type PortalIncident = RecordData & ApiResponse<'get-incident'>;

/** A live catalogue service, as the report form offers it. */
export type ServiceChoice = Pick<ApiResponse<'get-service'>, 'reference' | 'name'>;
