import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { referenceDir } from '../catalogue/oscal-schemas.test-support.js';

const addFormats = addFormatsModule.default;

/** NIST's OSCAL 1.2.1 assessment-results schema, compiled as the catalogue's helper does for its kinds. */
export function assessmentResultsValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(path.join(referenceDir, 'oscal-1.2.1', 'oscal_assessment-results_schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ unicodeRegExp: true, strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
