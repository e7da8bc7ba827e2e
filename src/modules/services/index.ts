export { servicesModule } from './services.module.js';
export { serviceRecord } from './service.record.js';
export { customerRecord } from './customer.record.js';
export { findCustomer, findService, servicesInStatus, soleCustomerOf, type CustomerSummary, type ServiceSummary } from './service.queries.js';
export type { CustomerTable, ServiceTable } from './services.tables.js';
export { catalogueFacts, type CustomerFact, type ServiceFact } from './services.facts.js';
