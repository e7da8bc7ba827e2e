import type { Catalogue } from './catalogue.types.js';
import { areasForFramework, requirementsUnder } from './catalogue.queries.js';
import { certusNs, controlId, oscalMetadata, stableUuid, type OscalMetadata, type OscalProperty } from './oscal.common.js';

export interface OscalMappingItem { type: 'control' | 'statement'; 'id-ref': string; remarks?: string }

export interface OscalMap {
  uuid: string;
  relationship: string;
  sources: OscalMappingItem[];
  targets: OscalMappingItem[];
  props: OscalProperty[];
  remarks: string;
}

export interface OscalMapping {
  uuid: string;
  method: 'human';
  'matching-rationale': 'semantic';
  status: 'draft' | 'complete';
  'source-resource': { type: string; href: string; remarks?: string };
  'target-resource': { type: string; href: string; remarks?: string };
  maps: OscalMap[];
  remarks: string;
}

export interface OscalMappingCollectionDocument {
  'mapping-collection': {
    uuid: string;
    metadata: OscalMetadata;
    provenance: { method: 'human'; 'matching-rationale': 'semantic'; status: 'draft' | 'complete'; 'mapping-description': string };
    mappings: OscalMapping[];
  };
}

/** Where the mapping's source (the Certus OSCAL catalog) is found; the name the catalog export downloads as. */
export const oscalCatalogFileName = 'certus-iso20000-1-oscal-catalog.json';

/**
 * The framework mappings as an OSCAL 1.2.1 mapping-collection: one mapping per framework from the
 * Certus catalog to that framework, one map per mapping area. Sources are the requirements
 * (controls) under the area's clauses; targets are the framework's practices, clauses or controls.
 */
export function toOscalMappingCollection(catalogue: Catalogue, catalogHref: string = oscalCatalogFileName): OscalMappingCollectionDocument {
  const { info } = catalogue;
  const description = 'Correspondences between the areas of ISO/IEC 20000-1:2018 and other frameworks, at the level of practices, clauses and control objectives. They show where evidence and effort can be shared; they do not claim that meeting one satisfies the other.';
  const mappings: OscalMapping[] = [];
  for (const framework of catalogue.frameworks) {
    const areas = areasForFramework(catalogue, framework.id);
    if (areas.length === 0) continue;
    const maps = areas.flatMap((area) => area.links.filter((l) => l.framework === framework.id).map((link): OscalMap => ({
      uuid: stableUuid(`map:${info.id}:${framework.id}:${area.id}`),
      relationship: link.relationship,
      sources: requirementsUnder(catalogue, area.clauses).map((r) => ({ type: 'control', 'id-ref': controlId(r.id) })),
      targets: link.targets.map((t) => ({ type: 'control', 'id-ref': t.id, remarks: t.title })),
      props: [{ name: 'area', ns: certusNs, value: area.id }, ...area.clauses.map((c) => ({ name: 'clause', ns: certusNs, value: c }))],
      remarks: link.remarks ?? `${area.title} (clauses ${area.clauses.join(', ')})`,
    })));
    mappings.push({
      uuid: stableUuid(`mapping:${info.id}:${framework.id}`),
      method: 'human',
      'matching-rationale': 'semantic',
      status: 'draft',
      'source-resource': { type: 'catalog', href: catalogHref, remarks: info.title },
      'target-resource': { type: 'catalog', href: framework.href ?? `urn:certus:framework:${framework.id}`, remarks: `${framework.title}:${framework.version}${framework.publisher ? ` (${framework.publisher})` : ''}` },
      maps,
      remarks: `${info.title} to ${framework.title}:${framework.version}`,
    });
  }
  return {
    'mapping-collection': {
      uuid: stableUuid(`mapping-collection:${info.id}@${info.version}`),
      metadata: oscalMetadata(info, `${info.title}: framework mappings`, description),
      provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'draft', 'mapping-description': description },
      mappings,
    },
  };
}
