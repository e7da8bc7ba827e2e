import type { CertusModule } from '../kernel/module.js';
import { improvementsModule } from './improvements/index.js';
import { incidentsModule } from './incidents/index.js';
import { problemsModule } from './problems/index.js';
import { requestsModule } from './requests/index.js';
import { servicesModule } from './services/index.js';
import { serviceLevelsModule } from './service-levels/index.js';

/** Every SMS module the server mounts, in registration order. */
export const modules: CertusModule[] = [servicesModule, serviceLevelsModule, incidentsModule, requestsModule, problemsModule, improvementsModule];
