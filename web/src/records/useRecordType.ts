import { useParams } from 'react-router';
import { useMetadata } from '../app/metadata';
import type { RecordType } from '../shared/types';

export function useRecordType(): RecordType | undefined {
  const { plural = '' } = useParams();
  const recordType = useMetadata().byPlural(plural);
  return recordType?.permissions.read ? recordType : undefined;
}
