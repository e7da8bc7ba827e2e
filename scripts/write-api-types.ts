/** `npm run api-types`: regenerates web/src/shared/api.generated.ts from the server's routes. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiTypesFile, generateApiTypes, openApiDocument } from './api-types.js';
import { projectRoot } from '../src/certus.js';

const content = await generateApiTypes(await openApiDocument());
writeFileSync(apiTypesFile, content);
console.log(`Wrote ${path.relative(projectRoot, apiTypesFile)} (${content.split('\n').length} lines)`);
