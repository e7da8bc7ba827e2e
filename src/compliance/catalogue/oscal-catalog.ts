import type { Catalogue, Clause, Requirement } from './catalogue.types.js';
import { clauseTree, processes, type ClauseNode } from './catalogue.queries.js';
import { certusNs, controlId, groupId, oscalMetadata, stableUuid, type OscalLink, type OscalMetadata, type OscalProperty } from './oscal.common.js';

export interface OscalPart {
  id?: string;
  name: string;
  ns?: string;
  title?: string;
  prose?: string;
  props?: OscalProperty[];
  parts?: OscalPart[];
}

export interface OscalControl {
  id: string;
  class: string;
  title: string;
  props: OscalProperty[];
  links?: OscalLink[];
  parts: OscalPart[];
}

export interface OscalGroup {
  id: string;
  class: string;
  title: string;
  props: OscalProperty[];
  parts: OscalPart[];
  groups?: OscalGroup[];
  controls?: OscalControl[];
}

export interface OscalCatalogDocument {
  catalog: {
    uuid: string;
    metadata: OscalMetadata;
    groups: OscalGroup[];
  };
}

/**
 * The catalogue as an OSCAL 1.2.1 catalog: clauses become groups, requirements become controls
 * with a statement, an assessment objective (what the assessor checks) and the typical evidence.
 */
export function toOscalCatalog(catalogue: Catalogue): OscalCatalogDocument {
  const { info } = catalogue;
  const byId = new Map(catalogue.requirements.map((r) => [r.id, r]));
  const processTitles = new Map(processes(catalogue).map((p) => [p.clause, p.process]));

  const control = (requirement: Requirement, clause: Clause): OscalControl => {
    const id = controlId(requirement.id);
    const props: OscalProperty[] = [
      { name: 'label', value: requirement.id },
      { name: 'clause', ns: certusNs, value: clause.number },
    ];
    if (requirement.guideId) props.push({ name: 'guide-id', ns: certusNs, value: requirement.guideId });
    const process = processTitles.get(clause.id);
    if (process) props.push({ name: 'process', ns: certusNs, value: process });
    return {
      id,
      class: 'requirement',
      title: requirement.title,
      props,
      ...(requirement.relatedClauses.length > 0 ? { links: requirement.relatedClauses.map((c) => ({ href: `#${groupId(c)}`, rel: 'related', text: `Clause ${c}` })) } : {}),
      parts: [
        { id: `${id}_smt`, name: 'statement', prose: requirement.statement },
        { id: `${id}_obj`, name: 'assessment-objective', prose: requirement.verify },
        {
          id: `${id}_evd`, name: 'evidence', ns: certusNs, title: 'Typical evidence',
          parts: requirement.evidence.map((evidence, i) => ({ id: `${id}_evd.${i + 1}`, name: 'item', ns: certusNs, prose: evidence })),
        },
      ],
    };
  };

  const group = (node: ClauseNode): OscalGroup => {
    const id = groupId(node.id);
    const result: OscalGroup = {
      id,
      class: node.process ? 'process' : 'clause',
      title: node.title,
      props: [{ name: 'label', value: node.number }],
      parts: [{ id: `${id}_ovw`, name: 'overview', prose: node.purpose }],
    };
    const controls = node.requirements.map((r) => control(byId.get(r.id)!, node));
    if (node.children.length === 0) {
      if (controls.length > 0) result.controls = controls;
      return result;
    }
    // An OSCAL group holds either groups or controls; a clause with both keeps its own
    // requirements in a "general" sub-group.
    const general: OscalGroup[] = controls.length > 0
      ? [{ id: `${id}-general`, class: 'clause', title: `${node.title} (general)`, props: [{ name: 'label', value: node.number }], parts: [{ id: `${id}-general_ovw`, name: 'overview', prose: node.purpose }], controls }]
      : [];
    result.groups = [...general, ...node.children.map(group)];
    return result;
  };

  return {
    catalog: {
      uuid: stableUuid(`catalog:${info.id}@${info.version}`),
      metadata: oscalMetadata(info, info.title, info.description),
      groups: clauseTree(catalogue).map(group),
    },
  };
}
