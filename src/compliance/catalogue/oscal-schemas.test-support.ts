import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { defaultCatalogueDir } from './catalogue.loader.js';

const addFormats = addFormatsModule.default;

export const projectRoot = path.dirname(defaultCatalogueDir());
export const referenceDir = path.resolve(projectRoot, '../shared/reference');

/** A validator for one of NIST's OSCAL 1.2.1 JSON schemas (draft-07, \p{…} patterns). */
export function oscalValidator(kind: 'catalog' | 'mapping'): ValidateFunction {
  const schema = JSON.parse(readFileSync(path.join(referenceDir, 'oscal-1.2.1', `oscal_${kind}_schema.json`), 'utf8')) as object;
  const ajv = new Ajv({ unicodeRegExp: true, strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
