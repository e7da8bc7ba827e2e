import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.js';
import { loadCatalogue } from './catalogue.loader.js';
import { clauseTree, findRequirements, getRequirement, mappingsForClause } from './catalogue.queries.js';

describe('catalogue queries', () => {
  const catalogue = loadCatalogue();

  it('builds the clause tree with requirements on their clauses', () => {
    const tree = clauseTree(catalogue);
    const eight = tree.find((n) => n.id === '8')!;
    const resolution = eight.children.find((n) => n.id === '8.6')!;
    expect(resolution.children.map((n) => n.id)).toEqual(['8.6.1', '8.6.1-major', '8.6.2', '8.6.3']);
    expect(resolution.children[3]!.requirements.map((r) => r.id)).toEqual(['8.6.3-01', '8.6.3-02', '8.6.3-03', '8.6.3-04']);
  });

  it('filters requirements by clause subtree, process and framework', () => {
    expect(findRequirements(catalogue, { clause: '8.6' })).toHaveLength(14);
    expect(findRequirements(catalogue, { clause: '8.6.1' }).map((r) => r.id)).toEqual(['8.6.1-01', '8.6.1-02', '8.6.1-03', '8.6.1-04', '8.6.1-05', '8.6.1-06', '8.6.1-07']);
    expect(findRequirements(catalogue, { clause: '8.6.1-major' })).toHaveLength(3);
    expect(findRequirements(catalogue, { process: 'major-incident-management' }).map((r) => r.id)).toEqual(['8.6.1-05', '8.6.1-06', '8.6.1-07']);
    expect(findRequirements(catalogue, { framework: 'iso22301' }).map((r) => r.clause)).toEqual(['8.7.2', '8.7.2', '8.7.2', '8.7.2']);
    expect(findRequirements(catalogue, { clause: '8.5', framework: 'cobit2019' })).toHaveLength(14); // via sms-pdca (clause 8)
    expect(findRequirements(catalogue, { framework: 'iso22301' })).toHaveLength(4);
  });

  it('numbers relationship and agreement as the published edition does, keeping the guide numbers', () => {
    const tree = clauseTree(catalogue);
    const agreement = tree.find((n) => n.id === '8')!.children.find((n) => n.id === '8.3')!;
    expect(agreement.children.map((n) => [n.id, n.title, n.guideId])).toEqual([
      ['8.3.1', 'General', null],
      ['8.3.2', 'Business relationship management', '8.3.1'],
      ['8.3.3', 'Service level management', '8.3.2'],
      ['8.3.4', 'Supplier management', '8.3.3'],
    ]);
    expect(agreement.children[3]!.children.map((n) => n.id)).toEqual(['8.3.4.1', '8.3.4.2']);
    expect(getRequirement(catalogue, '8.3.3-05')).toMatchObject({ title: 'Breaches investigated with improvement actions', guideId: '8.3.2-05' });
    expect(getRequirement(catalogue, '8.3.2-01')).toMatchObject({ title: 'Customers identified and relationships managed', guideId: '8.3.1-01' });
  });

  it("finds requirements by words, by their id and by the guide's id", () => {
    expect(findRequirements(catalogue, { q: '8.3.2-05' }).map((r) => r.id)).toEqual(['8.3.3-05']);
    // The guide's 8.3.2-01 is the edition's 8.3.3-01; the edition's own 8.3.2-01 is found too.
    expect(findRequirements(catalogue, { q: '8.3.2-01' }).map((r) => r.id)).toEqual(['8.3.2-01', '8.3.3-01']);
    expect(findRequirements(catalogue, { q: 'BREACHES investigated' }).map((r) => r.id)).toEqual(['8.3.3-05']);
    expect(findRequirements(catalogue, { clause: '8.6', q: 'nothing like this anywhere' })).toEqual([]);
  });

  it('rejects an unknown filter value with the field named', () => {
    expect(() => findRequirements(catalogue, { process: 'wizardry' })).toThrow(AppError);
    expect(() => findRequirements(catalogue, { clause: '11' })).toThrow(/clause/);
  });

  it('finds mappings through the clauses above', () => {
    const mappings = mappingsForClause(catalogue, '10.1');
    expect(mappings.filter((m) => m.area === 'continual-improvement').map((m) => m.framework)).toEqual(['itil4', 'iso27001', 'cobit2019', 'iso9001']);
    expect(mappings.find((m) => m.area === 'sms-pdca')!.viaClause).toBe('10');
  });

  it('names the requirement that is not there', () => {
    expect(() => getRequirement(catalogue, '8.6.3-99')).toThrow('Requirement 8.6.3-99 was not found');
  });
});
