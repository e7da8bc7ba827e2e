import { describe, expect, it } from 'vitest';
import { loadCatalogue } from './catalogue.loader.js';
import { toOscalMappingCollection } from './oscal-mapping.js';
import { oscalValidator } from './oscal-schemas.test-support.js';

describe('the OSCAL mapping-collection export', () => {
  const catalogue = loadCatalogue();
  const document = toOscalMappingCollection(catalogue);
  const collection = document['mapping-collection'];

  it('validates against NIST\'s OSCAL 1.2.1 mapping schema with no errors', () => {
    const validate = oscalValidator('mapping');
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has one mapping per framework, from the Certus catalog to the framework', () => {
    expect(collection.mappings).toHaveLength(catalogue.frameworks.length);
    for (const mapping of collection.mappings) expect(mapping['source-resource'].href).toBe('certus-iso20000-1-oscal-catalog.json');
    expect(collection.mappings.map((m) => m['target-resource'].href)).toContain('https://www.iso.org/standard/27001');
  });

  it('maps incident management to the ISO/IEC 27001 incident controls', () => {
    const iso27001 = collection.mappings.find((m) => m.remarks.includes('ISO/IEC 27001'))!;
    const incident = iso27001.maps.find((m) => m.props.some((p) => p.name === 'area' && p.value === 'incident-management'))!;
    expect(incident.relationship).toBe('intersects-with');
    expect(incident.targets.map((t) => t['id-ref'])).toEqual(['A.5.24', 'A.5.25', 'A.5.26']);
    expect(incident.sources.map((s) => s['id-ref'])).toContain('req-8.6.1-01');
    expect(incident.sources.map((s) => s['id-ref'])).toContain('req-8.6.1-07');
  });

  it('only refers to controls the catalog export holds', () => {
    const controlIds = new Set(catalogue.requirements.map((r) => `req-${r.id}`));
    for (const map of collection.mappings.flatMap((m) => m.maps)) {
      for (const source of map.sources) expect(controlIds.has(source['id-ref']), source['id-ref']).toBe(true);
    }
  });
});
