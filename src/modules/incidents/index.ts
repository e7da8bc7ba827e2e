export { incidentsModule } from './incidents.module.js';
export { incidentRecord } from './incident.record.js';
export { defaultPriorityMatrix, priorityOf, type PriorityMatrix, type Priority, type Level } from './priority-matrix.js';
export type { IncidentTable } from './incident.tables.js';
export { incidentKpis, excludedResolutionCodes, type KpiValue, type KpiPeriod } from './incident.kpis.js';
export { importServicenowIncidents, type ImportReport } from './import/incident-import.service.js';
export { fileSource, bufferSource, type CsvSource } from './import/csv-source.js';
export { parseServicenowDate } from './import/servicenow-format.js';
