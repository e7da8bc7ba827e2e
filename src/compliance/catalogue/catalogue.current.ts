import { loadCatalogue } from './catalogue.loader.js';
import type { Catalogue } from './catalogue.types.js';

let loaded: Catalogue | undefined;

/**
 * The installation's catalogue (catalogue/ beside package.json), loaded and checked on first use;
 * the compliance routes call it while the server starts, so a broken catalogue stops the start.
 */
export function currentCatalogue(): Catalogue {
  loaded ??= loadCatalogue();
  return loaded;
}
