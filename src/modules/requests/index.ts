export { requestsModule } from './requests.module.js';
export { requestModelRecord } from './request-model.record.js';
export { serviceRequestRecord } from './service-request.record.js';
export { requestTaskRecord } from './request-task.record.js';
export { requestKpis } from './request.kpis.js';
export { requestFacts, type RequestFacts, type ServiceRequestCatalogueFact } from './requests.facts.js';
export { checkAnswers } from './request-answers.js';
export type { FormField, TaskTemplate } from './request-model.schemas.js';
export type { RequestModelTable, RequestTaskTable, ServiceRequestTable } from './requests.tables.js';
