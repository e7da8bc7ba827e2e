import type { ReactNode } from 'react';
import { AssessmentRecordLinks } from '../compliance/AssessmentHeader';
import type { RecordData } from '../shared/types';
import { requestActionExtensions, requestPanelExtensions } from '../requests/extensions';
import { AgreementPanel } from '../agreements/AgreementPanel';
import { IncidentClocksPanel } from '../incidents/IncidentClocksPanel';

/**
 * Extra actions on a generic record page, by record type: the one place where a module adds
 * its own pages to the generic detail view (e.g. an assessment's worksheet and exports).
 */
export const recordActionExtensions: Record<string, (reference: string) => ReactNode> = {
  assessment: (reference) => <AssessmentRecordLinks reference={reference} />,
  ...requestActionExtensions,
};

/**
 * Panels a module adds to a generic record page, between its details and its activity tabs
 * (e.g. a service request's approval and fulfilment tasks). `onChanged` reloads the record.
 */
export const recordPanelExtensions: Record<string, (record: RecordData, onChanged: () => void) => ReactNode> = {
  ...requestPanelExtensions,
  incident: (record) => <IncidentClocksPanel record={record} />,
  sla: (record) => <AgreementPanel record={record} kind="sla" />,
  ola: (record) => <AgreementPanel record={record} kind="ola" />,
  contract: (record) => <AgreementPanel record={record} kind="contract" />,
};
