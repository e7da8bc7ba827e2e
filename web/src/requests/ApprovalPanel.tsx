import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useMetadata } from '../app/metadata';
import { useSignedIn } from '../app/session';
import { ApiError, request } from '../shared/api';
import type { RecordData } from '../shared/types';
import { notify } from '../shared/ui/notify';
import { ProblemAlert } from '../shared/ui/states';

/** Approve or reject a request awaiting approval; shown to its approver (and the SMS manager, who may stand in). */
export function ApprovalPanel({ record, onChanged }: { record: RecordData; onChanged(): void }) {
  const session = useSignedIn();
  const { personName } = useMetadata();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (record.status !== 'awaiting-approval') return null;
  const approverId = (record.approverId as string | null) ?? null;
  const mayDecide = session.user.id === approverId || session.user.roles.some((r) => r === 'sms-manager' || r === 'administrator');

  async function decide(to: 'approved' | 'rejected') {
    if (to === 'rejected' && !reason.trim()) {
      setReasonError('Give the reason for rejecting it; the requester will see it');
      return;
    }
    setBusy(true);
    setError(null);
    setReasonError(null);
    try {
      await request(`/api/service-requests/${record.reference}/transitions`, { method: 'POST', body: { to, fields: reason.trim() ? { approvalReason: reason.trim() } : {} }, ifMatch: `"${record.version}"` });
      notify(`${record.reference} ${to}.`);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError) setReasonError(e.fieldErrors().approvalReason ?? null);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="approval-heading">
      <Title order={2} size="h4" id="approval-heading" mb="xs">Approval</Title>
      <Text size="sm" mb="sm">Waiting for {approverId ? personName(approverId) : 'the SMS manager (no approver named)'} to decide.</Text>
      {mayDecide ? (
        <Stack gap="xs">
          <ProblemAlert error={reasonError ? null : error} />
          <Textarea label="Reason for the decision" description="Required to reject" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} />
          <Group justify="flex-end">
            <Button variant="default" loading={busy} onClick={() => void decide('rejected')}>Reject</Button>
            <Button loading={busy} onClick={() => void decide('approved')}>Approve</Button>
          </Group>
        </Stack>
      ) : null}
    </Paper>
  );
}
