import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { get } from '../shared/api';
import type { RecordData } from '../shared/types';
import { ErrorState, LoadingState } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { answerText } from './request-logic';
import type { AnswerValue, RequestModelRecord } from './types';

/** A request's answers under the model's own questions, for the staff working it. */
export function RequestAnswersPanel({ record }: { record: RecordData }) {
  const model = useAsync(`request-model ${String(record.model)}`, (signal) => get<RequestModelRecord>(`/api/request-models/${String(record.model)}`, signal));
  const answers = (record.answers ?? {}) as Record<string, AnswerValue>;
  const fields = model.data?.formFields ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="answers-heading">
      <Title order={2} size="h4" id="answers-heading" mb="sm">Answers</Title>
      {model.error ? <ErrorState error={model.error} onRetry={model.reload} /> : null}
      {!model.data && !model.error ? <LoadingState label="Loading the questions…" /> : null}
      {model.data && fields.length === 0 ? <Text size="sm" c="dimmed">The model asks no questions.</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
        {fields.map((field) => (
          <div key={field.key}>
            <Text component="dt" size="sm" fw={600} c="gray.8">{field.label}</Text>
            <Text component="dd" m={0} size="sm">{answerText(field, answers[field.key])}</Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
