import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueError, defaultCatalogueDir, loadCatalogue } from './catalogue.loader.js';
import { referenceDir } from './oscal-schemas.test-support.js';

/** The guide's master assessment checklist has this many rows (counted from the guide below). */
const checklistRows = 105;

/** Counts the checklist rows in the guide: table rows between the checklist heading and the next section. */
function countGuideChecklistRows(): number {
  const guide = readFileSync(path.join(referenceDir, 'iso20000-1-guide.txt'), 'utf8').split('\n');
  const start = guide.findIndex((l) => l.startsWith('Master assessment checklist'));
  const end = guide.findIndex((l, i) => i > start && l.startsWith('Scoping the Service Management System'));
  return guide.slice(start, end).filter((l) => l.startsWith('| ') && !l.startsWith('| What to verify')).length;
}

describe('the requirement catalogue', () => {
  const catalogue = loadCatalogue();

  it('holds one requirement per row of the guide\'s master checklist', () => {
    expect(catalogue.requirements).toHaveLength(checklistRows);
    const guide = path.join(referenceDir, 'iso20000-1-guide.txt');
    if (existsSync(guide)) expect(countGuideChecklistRows()).toBe(checklistRows);
  });

  it('holds every clause of 4-10 and every Clause 8 process, major incidents apart', () => {
    // 58 clauses and groups the guide lists, and the 20 finer sub-clauses of the published edition
    // (5.2.1 … 8.7.3.3, 8.3.1 General among them) that carry no checklist row of their own.
    expect(catalogue.clauses).toHaveLength(78);
    expect(catalogue.clauses.filter((c) => !catalogue.requirements.some((r) => r.clause === c.id) && !catalogue.clauses.some((k) => k.parent === c.id)).map((c) => c.id)).toEqual([
      '5.2.1', '5.2.2', '6.2.1', '6.2.2', '7.5.1', '7.5.2', '7.5.3', '7.5.4', '8.3.1', '8.3.4.1', '8.3.4.2',
      '8.5.1.1', '8.5.1.2', '8.5.1.3', '8.5.2.1', '8.5.2.2', '8.5.2.3', '8.7.3.1', '8.7.3.2', '8.7.3.3',
    ]);
    const ids = catalogue.clauses.map((c) => c.id);
    for (const id of ['4', '4.4', '5.3', '6.3', '7.6', '8.1', '8.2.3', '8.3.4.2', '8.5.3', '8.6.1', '8.6.1-major', '8.7.3', '9.4', '10.2']) expect(ids).toContain(id);
    expect(catalogue.clauses.filter((c) => c.parent === null).map((c) => c.id)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(catalogue.clauses.filter((c) => c.process !== null)).toHaveLength(23);
    const major = catalogue.requirements.filter((r) => r.clause === '8.6.1-major').map((r) => r.id);
    expect(major).toEqual(['8.6.1-05', '8.6.1-06', '8.6.1-07']);
  });

  it('counts what the guide lists', () => {
    expect(catalogue.readiness).toHaveLength(18);
    expect(catalogue.evidenceRequests).toHaveLength(6);
    expect(catalogue.evidenceRequests.flatMap((c) => c.items)).toHaveLength(30);
    expect(catalogue.pitfalls).toHaveLength(12);
    expect(catalogue.kpis).toHaveLength(18);
    expect(catalogue.roles).toHaveLength(12);
    expect(catalogue.phases.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    expect(catalogue.capabilityLevels.map((l) => l.level)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(catalogue.frameworks.map((f) => f.id)).toEqual(['itil4', 'iso27001', 'cobit2019', 'iso9001', 'iso22301']);
    expect(catalogue.mappingAreas).toHaveLength(12);
  });

  it('gives every requirement a verification and at least one evidence type', () => {
    for (const requirement of catalogue.requirements) {
      expect(requirement.verify.length, requirement.id).toBeGreaterThan(0);
      expect(requirement.evidence.length, requirement.id).toBeGreaterThan(0);
    }
  });
});

describe('a broken catalogue', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A copy of the real catalogue with one file edited. */
  function fixture(file: string, edit: (text: string) => string): string {
    dir = mkdtempSync(path.join(os.tmpdir(), 'certus-catalogue-'));
    cpSync(defaultCatalogueDir(), dir, { recursive: true });
    const target = path.join(dir, file);
    const before = readFileSync(target, 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    writeFileSync(target, after);
    return dir;
  }

  function problemsOf(catalogueDir: string): string[] {
    try {
      loadCatalogue(catalogueDir);
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogueError);
      return (error as CatalogueError).problems;
    }
    throw new Error('the catalogue loaded');
  }

  it('fails on a reference to a requirement that does not exist, naming both ids', () => {
    const problems = problemsOf(fixture('pitfalls.yaml', (t) => t.replace('requirements: [8.2.6-02, 8.2.6-01]', 'requirements: [8.2.6-02, 8.2.6-09]')));
    expect(problems).toEqual(['pitfall PIT-05 refers to requirement 8.2.6-09, which does not exist']);
  });

  it('fails on a requirement that hangs off a clause that does not exist', () => {
    const problems = problemsOf(fixture('clauses/8.6-resolution-fulfilment.yaml', (t) => t.replace('clause: "8.6.2"\n    title: Requests recorded', 'clause: "8.6.9"\n    title: Requests recorded')));
    expect(problems).toContain('requirement 8.6.2-01 refers to clause 8.6.9, which does not exist');
  });

  it('fails on a duplicate requirement id, naming it', () => {
    const problems = problemsOf(fixture('clauses/8.6-resolution-fulfilment.yaml', (t) => t.replace('- id: 8.6.3-03', '- id: 8.6.3-02')));
    expect(problems).toContain('duplicate requirement id 8.6.3-02');
  });

  it('fails on a requirement with no evidence, naming it', () => {
    const problems = problemsOf(fixture('clauses/8.6-resolution-fulfilment.yaml', (t) => t.replace('evidence: [RCA records, Known-error database (KEDB)]', 'evidence: []')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('8.6.3-02');
    expect(problems[0]).toContain('evidence');
  });

  it('fails on a requirement without an evidence list at all, naming it', () => {
    const problems = problemsOf(fixture('clauses/8.6-resolution-fulfilment.yaml', (t) => t.replace('    evidence: [RCA records, Known-error database (KEDB)]\n', '')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/8\.6\.3-02.*evidence/);
  });

  it('fails on a mapping to a framework that is not declared', () => {
    const problems = problemsOf(fixture('mappings.yaml', (t) => t.replace('- framework: iso22301', '- framework: iso99999')));
    expect(problems).toEqual(['mapping area service-continuity refers to framework iso99999, which is not declared']);
  });

  it('fails on a KPI owned by an unknown role', () => {
    const problems = problemsOf(fixture('kpis.yaml', (t) => t.replace('owner: continuity-manager', 'owner: chief-wizard')));
    expect(problems).toEqual(['KPI KPI-12 refers to role chief-wizard, which does not exist']);
  });

  it('fails on a requirement whose id does not carry its clause number', () => {
    const problems = problemsOf(fixture('clauses/10-improvement.yaml', (t) => t.replace('- id: 10.2-02', '- id: 10.3-02')));
    expect(problems).toContain('requirement 10.3-02 does not start with the number of its clause 10.2 (10.2)');
  });

  it('reports a schema violation with the file and the item id', () => {
    const problems = problemsOf(fixture('clauses/4-context.yaml', (t) => t.replace('- id: 4.4-01\n    clause: "4.4"', '- id: 4.4-01\n    clause: "4.4"\n    colour: blue')));
    expect(problems).toEqual(['clauses/4-context.yaml: 4.4-01: /requirements/4 has unknown property "colour"']);
  });
});
