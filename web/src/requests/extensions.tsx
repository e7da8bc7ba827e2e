import { Button, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { RecordData } from '../shared/types';
import { ApprovalPanel } from './ApprovalPanel';
import { RequestAnswersPanel } from './RequestAnswersPanel';
import { RequestClockPanel } from './RequestClockPanel';
import { RequestTasksPanel } from './RequestTasksPanel';

/** Request pages added to the generic record views (see app/recordExtensions.tsx). */
export const requestActionExtensions: Record<string, (reference: string) => ReactNode> = {
  'request-model': (reference) => (
    <Button component={Link} to={`/requests/models/${reference}`} variant="default">
      Open in the model editor
    </Button>
  ),
  'service-request': (reference) => (
    <Button component={Link} to={`/portal/requests/${reference}`} variant="default">
      As the requester sees it
    </Button>
  ),
};

export const requestPanelExtensions: Record<string, (record: RecordData, onChanged: () => void) => ReactNode> = {
  'service-request': (record, onChanged) => (
    <Stack gap="md">
      <RequestAnswersPanel record={record} />
      <ApprovalPanel record={record} onChanged={onChanged} />
      <RequestTasksPanel record={record} onChanged={onChanged} />
      <RequestClockPanel record={record} />
    </Stack>
  ),
};
