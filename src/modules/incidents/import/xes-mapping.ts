import { Type, type Static } from 'typebox';
import type { XesLogHead, XesTrace } from './xes-reader.js';

/**
 * Which attributes of an XES log say what: the trace attribute naming the case, the event
 * attributes giving its status, sub-status, impact, group, product and time. Each known log
 * has defaults; a request may override any of them.
 */

export const xesKinds = ['bpic2013-incidents', 'bpic2013-problems', 'bpic2014-incident-activity', 'generic'] as const;
export type XesKind = (typeof xesKinds)[number];
export type XesRecordType = 'incidents' | 'problems';

export const XesKindSchema = Type.Union([Type.Literal('bpic2013-incidents'), Type.Literal('bpic2013-problems'), Type.Literal('bpic2014-incident-activity'), Type.Literal('generic')]);

const attributeKey = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const optionalKey = (description: string) => Type.Union([attributeKey(description), Type.Null()]);

export const XesMapping = Type.Object({
  reference: attributeKey('Trace attribute holding the case number (the external reference)'),
  status: attributeKey('Event attribute holding the status (or activity) the event leads to'),
  subStatus: optionalKey('Event attribute holding the sub-status, read together with the status'),
  statusSeparator: Type.Union([Type.String({ minLength: 1, maxLength: 3 }), Type.Null()], { description: 'When the status attribute holds status and sub-status together ("Completed-Closed"), what stands between them' }),
  impact: optionalKey('Event attribute holding the impact (Major, High, Medium, Low)'),
  group: optionalKey('Event attribute holding the support group'),
  product: optionalKey('Event attribute holding the product or service affected'),
  resource: optionalKey('Event attribute holding who did the event'),
  timestamp: attributeKey('Event attribute holding the event time (an XES date)'),
  wallClock: Type.Boolean({ description: 'Read times as local wall-clock (kept as UTC), ignoring their offset' }),
}, { title: 'XesMapping', additionalProperties: false });
export type XesMappingValue = Static<typeof XesMapping>;

/** What a request may change: any mapping attribute, the kind, and the record type. */
export const XesOverrides = Type.Object({
  kind: Type.Optional(Type.Union(XesKindSchema.anyOf, { description: 'The kind of log; detected from the file when left out' })),
  recordType: Type.Optional(Type.Union([Type.Literal('incidents'), Type.Literal('problems')], { description: 'What each trace becomes; follows from the kind when left out' })),
  reference: Type.Optional(attributeKey('Overrides the mapping: trace attribute with the case number')),
  status: Type.Optional(attributeKey('Overrides the mapping: event attribute with the status')),
  subStatus: Type.Optional(attributeKey('Overrides the mapping: event attribute with the sub-status ("-" for none)')),
  impact: Type.Optional(attributeKey('Overrides the mapping: event attribute with the impact ("-" for none)')),
  group: Type.Optional(attributeKey('Overrides the mapping: event attribute with the group ("-" for none)')),
  product: Type.Optional(attributeKey('Overrides the mapping: event attribute with the product ("-" for none)')),
  timestamp: Type.Optional(attributeKey('Overrides the mapping: event attribute with the time')),
  wallClock: Type.Optional(Type.Boolean({ description: 'Overrides the mapping: read times as wall-clock, ignoring their offset' })),
}, { additionalProperties: false });
export type XesOverridesValue = Static<typeof XesOverrides>;

const volvo: XesMappingValue = {
  reference: 'concept:name', status: 'concept:name', subStatus: 'lifecycle:transition', statusSeparator: null,
  impact: 'impact', group: 'org:group', product: 'product', resource: 'org:resource', timestamp: 'time:timestamp', wallClock: false,
};

export const defaultMappings: Record<XesKind, XesMappingValue> = {
  'bpic2013-incidents': volvo,
  'bpic2013-problems': volvo,
  // Rabobank's filtered activity log holds the activity and its time only; its +10:00 offset is
  // an artefact of the conversion, so the times are read as wall-clock.
  'bpic2014-incident-activity': { ...volvo, subStatus: null, impact: null, group: null, product: null, resource: null, wallClock: true },
  generic: { ...volvo, subStatus: null, impact: null, group: 'org:group', product: null, resource: 'org:resource' },
};

export const kindLabels: Record<XesKind, string> = {
  'bpic2013-incidents': 'BPI Challenge 2013 incident log (Volvo IT)',
  'bpic2013-problems': 'BPI Challenge 2013 problem log (Volvo IT)',
  'bpic2014-incident-activity': 'BPI Challenge 2014 incident activity log (Rabobank)',
  generic: 'XES event log of another kind',
};

export const recordTypeOf: Record<XesKind, XesRecordType> = {
  'bpic2013-incidents': 'incidents', 'bpic2013-problems': 'problems', 'bpic2014-incident-activity': 'incidents', generic: 'incidents',
};

/** The settings a run reads a log with: detected (or chosen) kind, record type and mapping. */
export interface XesSettings {
  kind: XesKind;
  detected: XesKind;
  recordType: XesRecordType;
  mapping: XesMappingValue;
}

const volvoStatuses = /^(Queued|Accepted|Completed|Unmatched)$/;

/**
 * Which known log this is, from its first trace (and the file's name, which alone tells Volvo's
 * open problems from its incidents: their events carry the same attributes).
 */
export function detectKind(fileName: string, head: XesLogHead, first: XesTrace | null): { kind: XesKind; mapping: XesMappingValue } {
  const event = first?.events[0]?.attributes ?? {};
  const logName = head.attributes['concept:name'] ?? '';
  if ('IncidentActivity_Type' in event || /^BPI2014/i.test(logName)) return { kind: 'bpic2014-incident-activity', mapping: defaultMappings['bpic2014-incident-activity'] };
  const problemName = /problem/i.test(fileName);
  if ('impact' in event && 'product' in event && volvoStatuses.test(event['concept:name'] ?? '')) {
    const problems = problemName || 'oranization country' in event;
    return { kind: problems ? 'bpic2013-problems' : 'bpic2013-incidents', mapping: volvo };
  }
  // Volvo's closed problems, exported by Disco: "Completed-Closed" in one attribute, no impact or product.
  if (/^(Queued|Accepted|Completed|Unmatched)-/.test(event['concept:name'] ?? '') && 'Resource' in event) {
    return { kind: 'bpic2013-problems', mapping: { ...volvo, subStatus: null, statusSeparator: '-', impact: null, product: null, group: 'org:group', resource: 'Resource' } };
  }
  return { kind: 'generic', mapping: defaultMappings.generic };
}

/** The detected settings with a request's overrides on top ("-" turns an optional attribute off). */
export function settingsFor(detected: { kind: XesKind; mapping: XesMappingValue }, overrides: XesOverridesValue): XesSettings {
  const kind = overrides.kind ?? detected.kind;
  const base = overrides.kind && overrides.kind !== detected.kind ? defaultMappings[overrides.kind] : detected.mapping;
  const optional = (value: string | undefined, fallback: string | null) => (value === undefined ? fallback : value === '-' ? null : value);
  const mapping: XesMappingValue = {
    ...base,
    reference: overrides.reference ?? base.reference,
    status: overrides.status ?? base.status,
    subStatus: optional(overrides.subStatus, base.subStatus),
    impact: optional(overrides.impact, base.impact),
    group: optional(overrides.group, base.group),
    product: optional(overrides.product, base.product),
    timestamp: overrides.timestamp ?? base.timestamp,
    wallClock: overrides.wallClock ?? base.wallClock,
  };
  return { kind, detected: detected.kind, recordType: overrides.recordType ?? recordTypeOf[kind], mapping };
}
