import type { CertusModule } from '../../kernel/module.js';
import { customerRecord } from './customer.record.js';
import { serviceRecord } from './service.record.js';
import { loadServicesDemo } from './services.demo.js';
import { servicesMigration } from './migrations/20261128T1500-services.js';
import './services.tables.js';

/** 8.2.4 Service catalogue management, with the customer register (8.3.2) it refers to. */
export const servicesModule: CertusModule = {
  name: 'services',
  clause: '8.2.4',
  recordTypes: [serviceRecord, customerRecord],
  migrations: [servicesMigration],
  demo: loadServicesDemo,
};
