import { Alert, Progress, Stack, Stepper, Text } from '@mantine/core';
import { requestSteps } from './request-logic';
import type { RequestTask, ServiceRequest } from './types';

export function RequestProgress({ request, tasks }: { request: ServiceRequest; tasks: RequestTask[] }) {
  if (request.status === 'rejected') return <Alert color="red" title="Not approved">Your request was not approved. The reason is in its history below and was sent to you.</Alert>;
  if (request.status === 'cancelled') return <Alert color="gray" title="Cancelled">This request was cancelled.</Alert>;
  const steps = requestSteps(request);
  const active = steps.filter((s) => s.done).length;
  const finished = tasks.filter((t) => t.status !== 'open').length;
  return (
    <Stack gap="md">
      <Stepper active={active} size="sm" allowNextStepsSelect={false} aria-label="Progress of your request">
        {steps.map((step) => <Stepper.Step key={step.label} label={step.label} />)}
      </Stepper>
      {request.status === 'awaiting-requester' ? <Alert color="yellow" title="We need something from you">Read the latest comment, reply below, then resume the request. The clock is paused meanwhile.</Alert> : null}
      {tasks.length > 0 ? (
        <div>
          <Text size="sm" fw={600} id="task-progress-label">{finished} of {tasks.length} tasks done</Text>
          <Progress.Root mt={4}>
            <Progress.Section value={(finished / tasks.length) * 100} aria-label={`${finished} of ${tasks.length} tasks done`} />
          </Progress.Root>
          <ol style={{ margin: '8px 0 0', paddingLeft: 20 }} aria-label="Tasks">
            {tasks.map((t) => (
              <li key={t.id}>
                <Text size="sm" span>{t.title} — {t.status === 'open' ? 'to do' : t.statusLabel.toLowerCase()}</Text>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </Stack>
  );
}
