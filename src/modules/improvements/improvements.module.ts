import type { CertusModule } from '../../kernel/module.js';
import { improvementRecord } from './improvement.record.js';
import { loadImprovementDemo } from './improvement.demo.js';
import { improvementsMigration } from './migrations/20261128T1200-improvements.js';
import './improvement.tables.js';

export const improvementsModule: CertusModule = {
  name: 'improvements',
  clause: '10.2',
  recordTypes: [improvementRecord],
  migrations: [improvementsMigration],
  demo: loadImprovementDemo,
};
