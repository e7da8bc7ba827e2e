import { describe, expect, it } from 'vitest';
import { loadCatalogue } from './catalogue.loader.js';
import { toOscalCatalog, type OscalControl, type OscalGroup } from './oscal-catalog.js';
import { oscalValidator } from './oscal-schemas.test-support.js';

function controlsOf(groups: OscalGroup[]): OscalControl[] {
  return groups.flatMap((g) => [...(g.controls ?? []), ...controlsOf(g.groups ?? [])]);
}

describe('the OSCAL catalog export', () => {
  const catalogue = loadCatalogue();
  const document = toOscalCatalog(catalogue);

  it('validates against NIST\'s OSCAL 1.2.1 catalog schema with no errors', () => {
    const validate = oscalValidator('catalog');
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has clauses 4-10 as groups and one control per requirement', () => {
    expect(document.catalog.groups.map((g) => g.id)).toEqual(['clause-4', 'clause-5', 'clause-6', 'clause-7', 'clause-8', 'clause-9', 'clause-10']);
    const controls = controlsOf(document.catalog.groups);
    expect(controls).toHaveLength(catalogue.requirements.length);
    expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
  });

  it('carries statement, assessment objective, evidence and clause on each control', () => {
    const control = controlsOf(document.catalog.groups).find((c) => c.id === 'req-8.7.2-03')!;
    expect(control.parts.map((p) => p.name)).toEqual(['statement', 'assessment-objective', 'evidence']);
    expect(control.parts[2]!.parts!.length).toBeGreaterThan(0);
    expect(control.props).toContainEqual({ name: 'clause', ns: 'urn:certus:ns:oscal', value: '8.7.2' });
    expect(control.props).toContainEqual({ name: 'process', ns: 'urn:certus:ns:oscal', value: 'continuity-management' });
    expect(document.catalog.metadata['oscal-version']).toBe('1.2.1');
  });

  it("labels controls with the edition's numbers and keeps the guide's as a property", () => {
    const breaches = controlsOf(document.catalog.groups).find((c) => c.id === 'req-8.3.3-05')!;
    expect(breaches.props).toContainEqual({ name: 'label', value: '8.3.3-05' });
    expect(breaches.props).toContainEqual({ name: 'guide-id', ns: 'urn:certus:ns:oscal', value: '8.3.2-05' });
    const incidents = controlsOf(document.catalog.groups).find((c) => c.id === 'req-8.6.1-01')!;
    expect(incidents.props.some((p) => p.name === 'guide-id')).toBe(false);
  });

  it('is stable: the same catalogue exports the same UUID', () => {
    expect(toOscalCatalog(catalogue).catalog.uuid).toBe(document.catalog.uuid);
  });
});
