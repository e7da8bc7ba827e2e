import { Type, type Static } from 'typebox';

/** How a question on a request form is answered. */
export const formFieldKinds = ['text', 'longText', 'enum', 'date', 'boolean'] as const;
export type FormFieldKind = (typeof formFieldKinds)[number];

const answerKey = '^[a-z][a-zA-Z0-9]{0,39}$';

export const FormField = Type.Object({
  key: Type.String({ pattern: answerKey, description: 'Stable name of the answer, e.g. startDate (letters and digits, starting lower-case)' }),
  label: Type.String({ minLength: 1, maxLength: 120, description: 'The question as the requester reads it' }),
  kind: Type.Union([Type.Literal('text'), Type.Literal('longText'), Type.Literal('enum'), Type.Literal('date'), Type.Literal('boolean')], { description: 'text, longText, enum (a choice), date or boolean' }),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'The choices of an enum question' })),
  help: Type.Optional(Type.String({ maxLength: 300 })),
}, { additionalProperties: false });
export type FormField = Static<typeof FormField>;

export const FormFields = Type.Array(FormField, { maxItems: 30, description: 'The questions the request form asks, in order' });

export const TaskTemplate = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  group: Type.Optional(Type.String({ maxLength: 100, description: 'The group that does it; the fulfilment group when empty' })),
}, { additionalProperties: false });
export type TaskTemplate = Static<typeof TaskTemplate>;

export const TaskTemplates = Type.Array(TaskTemplate, { maxItems: 30, description: 'The fulfilment tasks, in the order they are done' });

export type AnswerValue = string | boolean | null;

/** A request's answers to its model's questions, by question key. */
export const Answers = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 5000 }), Type.Boolean(), Type.Null()]), {
  description: 'Answers by question key: text for text, longText, enum and date (YYYY-MM-DD) questions, true or false for boolean ones',
});
