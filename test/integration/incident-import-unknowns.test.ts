import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { bufferSource, importServicenowIncidents, servicenowColumns, type ServicenowRow } from '../../src/modules/incidents/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

/**
 * An import makes nothing up: a resolution the export gives no time for stays unknown, is named
 * in the report and left out of the duration KPIs (which say how many); the export's own SLA
 * outcome is kept and reported as such; a file that is not CSV gets a plain reason.
 */
function csvOf(rows: Partial<ServicenowRow>[]): Buffer {
  const base: Partial<ServicenowRow> = { reassignment_count: '0', reopen_count: '0', impact: '2 - Medium', urgency: '2 - Medium', priority: '3 - Moderate', made_sla: 'true' };
  const lines = rows.map((r) => servicenowColumns.map((c) => ({ ...base, ...r })[c] ?? '?').join(','));
  return Buffer.from([servicenowColumns.join(','), ...lines].join('\n'));
}

const exported = csvOf([
  // Already Resolved in its first row and no resolved_at anywhere: its time to resolve is unknown.
  { number: 'INC0000093', incident_state: 'Resolved', sys_mod_count: '0', opened_at: '1/3/2016 08:00', sys_updated_at: '1/3/2016 08:00', closed_at: '5/3/2016 10:00' },
  { number: 'INC0000093', incident_state: 'Closed', sys_mod_count: '1', opened_at: '1/3/2016 08:00', sys_updated_at: '5/3/2016 10:00', closed_at: '5/3/2016 10:00' },
  // Resolved after 4 hours, SLA missed as exported.
  { number: 'INC0000094', incident_state: 'New', sys_mod_count: '0', opened_at: '1/3/2016 08:00', sys_updated_at: '1/3/2016 08:00', resolved_at: '1/3/2016 12:00', made_sla: 'false' },
  { number: 'INC0000094', incident_state: 'Resolved', sys_mod_count: '1', opened_at: '1/3/2016 08:00', sys_updated_at: '1/3/2016 12:00', resolved_at: '1/3/2016 12:00', made_sla: 'false' },
  // Resolved after 2 hours, SLA met.
  { number: 'INC0000095', incident_state: 'Active', sys_mod_count: '0', opened_at: '2/3/2016 08:00', sys_updated_at: '2/3/2016 08:00', resolved_at: '2/3/2016 10:00' },
  { number: 'INC0000095', incident_state: 'Resolved', sys_mod_count: '1', opened_at: '2/3/2016 08:00', sys_updated_at: '2/3/2016 10:00', resolved_at: '2/3/2016 10:00' },
]);
// Resolved in its only row with no resolved_at, and not closed: Certus can reopen it.
const stillResolved = csvOf([
  { number: 'INC0000096', incident_state: 'Resolved', sys_mod_count: '0', opened_at: '3/3/2016 08:00', sys_updated_at: '3/3/2016 08:00' },
]);

function multipart(filename: string, content: Buffer) {
  const boundary = '----certus-unknowns';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface KpiAnswer {
  items: { id: string; value: number | null; denominator: number | null }[];
  excludedUnknownDuration: { count: number; definition: string };
  exportedSla: { source: string; met: number; total: number; percent: number | null } | null;
  notes: string[];
}

describe.each(storeNames())('an import that makes nothing up, on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['incident-problem-manager']);
  });
  afterAll(async () => t?.close());

  it('leaves an unknown resolution time unknown, says so in the report and leaves it out of the duration KPIs, counting it', async () => {
    const report = await importServicenowIncidents(t.certus.database, bufferSource(exported, 'export.csv'), { dryRun: false, actorId: manager.userId });
    expect(report).toMatchObject({ incidents: 3, imported: 3, issueCount: 0 });
    expect(report.notes).toContain('1 incident was already resolved in their first row with no resolution time; their time to resolve is unknown and they count in no time-to-resolve KPI.');

    const rows = await t.certus.database.db.selectFrom('incidents').select(['external_id', 'status', 'resolved_at', 'resolved_at_unknown', 'imported_made_sla']).orderBy('external_id').execute();
    expect(rows.map((r) => [r.external_id, r.status, r.resolved_at === null, Number(r.resolved_at_unknown), Number(r.imported_made_sla)])).toEqual([
      ['INC0000093', 'closed', true, 1, 1],
      ['INC0000094', 'resolved', false, 0, 0],
      ['INC0000095', 'resolved', false, 0, 1],
    ]);
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);

    const answer = json<KpiAnswer>(await t.app.inject({ method: 'GET', url: '/api/incident-kpis?from=2016-03-01&to=2016-03-31', headers: asUser(manager) }));
    const kpis = Object.fromEntries(answer.items.map((k) => [k.id, k]));
    // 4 h and 2 h; the unknown one is not a 0 h resolution.
    expect([kpis.mttr!.value, kpis.mttr!.denominator, kpis['median-ttr']!.value]).toEqual([3, 2, 3]);
    expect(answer.excludedUnknownDuration.count).toBe(1);
    expect(answer.notes[0]).toBe(answer.excludedUnknownDuration.definition);
    expect(answer.exportedSla).toMatchObject({ met: 2, total: 3, percent: 66.7 });
    expect(answer.exportedSla!.source).toContain('ServiceNow');
    expect(answer.notes[1]).toContain('SLA met (as exported by ServiceNow): 2 of 3 (66.7 %)');

    const unknown = json<{ items: { externalId: string; resolvedAtUnknown: boolean; importedMadeSla: boolean; resolvedAt: string | null }[] }>(await t.app.inject({ method: 'GET', url: '/api/incidents?resolvedAtUnknown=true', headers: asUser(manager) }));
    expect(unknown.items.map((i) => [i.externalId, i.resolvedAtUnknown, i.importedMadeSla, i.resolvedAt])).toEqual([['INC0000093', true, true, null]]);
  });

  it('clears the unknown resolution time once the incident is reopened and resolved again in Certus', async () => {
    await importServicenowIncidents(t.certus.database, bufferSource(stillResolved, 'resolved.csv'), { dryRun: false, actorId: manager.userId });
    type Incident = { id: string; version: number; status: string; resolvedAt: string | null; resolvedAtUnknown: boolean | null };
    const imported = json<{ items: (Incident & { externalId: string })[] }>(await t.app.inject({ method: 'GET', url: '/api/incidents?resolvedAtUnknown=true', headers: asUser(manager) })).items.find((i) => i.externalId === 'INC0000096');
    expect(imported).toMatchObject({ status: 'resolved', resolvedAt: null, resolvedAtUnknown: true });
    const move = async (incident: Incident, to: string, fields: Record<string, unknown> = {}) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/incidents/${incident.id}/transitions`, headers: { ...asUser(manager), 'if-match': `"${incident.version}"` }, payload: { to, fields } });
      expect(res.statusCode, res.body).toBe(200);
      return json<Incident>(res);
    };
    const reopened = await move(imported!, 'in-progress');
    expect(reopened).toMatchObject({ status: 'in-progress', resolvedAt: null, resolvedAtUnknown: false });
    const resolved = await move(reopened, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Fixed in Certus.' });
    expect(resolved.resolvedAtUnknown).toBe(false);
    expect(resolved.resolvedAt).not.toBeNull();
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);
  });

  it('refuses a file that is not CSV with a plain reason naming the file, never its bytes', async () => {
    // Binary bytes with no NUL (so not refused as "not text" by a NUL alone).
    const binary = Buffer.from(Array.from({ length: 4000 }, (_, i) => 1 + ((i * 37) % 255)));
    const check = await importServicenowIncidents(t.certus.database, bufferSource(binary, 'export.csv'), { dryRun: true, actorId: manager.userId });
    expect(check.issues).toEqual([{ line: 0, number: null, field: 'file', reason: 'is not a CSV file: it holds binary data, not text; export the incidents from ServiceNow as CSV' }]);

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR"chunk",\u00ff\u00fe')]);
    const pngCheck = await importServicenowIncidents(t.certus.database, bufferSource(png, 'screenshot.csv'), { dryRun: true, actorId: manager.userId });
    expect(pngCheck.issues.map((i) => [i.field, i.reason])).toEqual([['file', 'is not a CSV file: it is a PNG image; export the incidents from ServiceNow as CSV']]);

    const upload = multipart('screenshot.csv', png);
    const refused = await t.app.inject({ method: 'POST', url: '/api/incident-imports?dryRun=true', headers: { ...asUser(manager), ...upload.headers }, payload: upload.payload });
    expect(refused.statusCode).toBe(415);
    const problem = json<{ detail: string; errors: { field: string; reason: string }[] }>(refused);
    expect(problem.errors).toEqual([{ field: 'file', reason: 'is not a CSV file: it is a PNG image' }]);
    expect(problem.detail).not.toMatch(/IHDR|chunk/);
  });

  it('says where a CSV cannot be read without quoting its cells', async () => {
    const broken = Buffer.concat([Buffer.from(`${servicenowColumns.join(',')}\n`), Buffer.from('INC0000001,"New secret cell\n')]);
    const check = await importServicenowIncidents(t.certus.database, bufferSource(broken, 'export.csv'), { dryRun: true, actorId: manager.userId });
    expect(check.issues.at(-1)!.field).toBe('file');
    expect(check.issues.at(-1)!.reason).toMatch(/^cannot be read as CSV: a quoted cell is never closed near line \d+$/);
  });
});
