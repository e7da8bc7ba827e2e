import type { ReactNode } from 'react';
import { AssessmentRecordLinks } from '../compliance/AssessmentHeader';

/**
 * Extra actions on a generic record page, by record type: the one place where a module adds
 * its own pages to the generic detail view (e.g. an assessment's worksheet and exports).
 */
export const recordActionExtensions: Record<string, (reference: string) => ReactNode> = {
  assessment: (reference) => <AssessmentRecordLinks reference={reference} />,
};
