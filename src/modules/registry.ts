import type { CertusModule } from '../kernel/module.js';
import { improvementsModule } from './improvements/index.js';
import { incidentsModule } from './incidents/index.js';

/** Every SMS module the server mounts, in registration order. */
export const modules: CertusModule[] = [incidentsModule, improvementsModule];
