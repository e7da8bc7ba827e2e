import type { CertusModule } from '../kernel/module.js';
import { improvementsModule } from './improvements/index.js';

/** Every SMS module the server mounts, in registration order. */
export const modules: CertusModule[] = [improvementsModule];
