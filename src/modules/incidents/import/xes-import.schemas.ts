import { Type, type Static } from 'typebox';
import { XesKindSchema, XesMapping, XesOverrides } from './xes-mapping.js';

const Kind = XesKindSchema;
const RecordType = Type.Union([Type.Literal('incidents'), Type.Literal('problems')]);
const Ms = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

export const XesThroughput = Type.Object({
  cases: Type.Integer({ minimum: 0, description: 'Cases measured (traces that checked clean)' }),
  meanMs: Ms,
  medianMs: Ms,
}, { title: 'XesThroughput', description: 'Throughput per case: its first event to its last, in milliseconds' });

export const XesRunDetails = Type.Object({
  kind: Type.Union([Kind, Type.Null()], { description: 'The kind the log was read as; null until it is checked' }),
  detected: Type.Union([Kind, Type.Null()], { description: 'The kind the file looked like' }),
  recordType: Type.Union([RecordType, Type.Null()]),
  mapping: Type.Union([XesMapping, Type.Null()], { description: 'The attribute mapping used: the defaults of the kind with the request’s overrides' }),
  overrides: XesOverrides,
  throughput: Type.Union([XesThroughput, Type.Null()]),
}, { title: 'XesRunDetails' });
export type XesRunDetailsView = Static<typeof XesRunDetails>;

export const XesKindDefaults = Type.Object({
  items: Type.Array(Type.Object({ kind: Kind, label: Type.String(), recordType: RecordType, mapping: XesMapping })),
}, { title: 'XesKindDefaults' });

/** The query of an XES upload: dry run, and any override of the detected kind and mapping. */
export const XesUploadQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false })),
  ...XesOverrides.properties,
}, { additionalProperties: false });
