import { v5 } from 'uuid';
import type { CatalogueInfo } from './catalogue.types.js';

export const oscalVersion = '1.2.1';

/** Namespace of the Certus-specific OSCAL names (props and parts OSCAL itself does not define). */
export const certusNs = 'urn:certus:ns:oscal';

// Fixed, so that exports of the same catalogue version carry the same UUIDs (OSCAL asks for
// per-subject UUIDs that stay stable across revisions of a document).
const uuidNamespace = 'e37bb67f-077f-464e-8120-2139d8eb8115';

/** A deterministic version-5 UUID for a name, e.g. `catalog:certus-iso20000-1-2018@1.0.0`. */
export function stableUuid(name: string): string {
  return v5(name, uuidNamespace);
}

export interface OscalProperty { name: string; value: string; ns?: string; class?: string }
export interface OscalLink { href: string; rel?: string; text?: string }

export interface OscalMetadata {
  title: string;
  'last-modified': string;
  version: string;
  'oscal-version': string;
  remarks?: string;
}

export function oscalMetadata(info: CatalogueInfo, title: string, remarks: string): OscalMetadata {
  return { title, 'last-modified': info.lastModified, version: info.version, 'oscal-version': oscalVersion, remarks };
}

/** OSCAL ids are XML NCNames; clause and requirement ids already fit once prefixed with a letter. */
export function controlId(requirementId: string): string {
  return `req-${requirementId}`;
}

export function groupId(clauseId: string): string {
  return `clause-${clauseId}`;
}
