import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules, assemble } from '../../certus.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.js';
import { storeNames } from '../../../test/support/test-databases.js';
import { servicesModule } from './index.js';

interface Service { id: string; reference: string; status: string; version: number; name: string; serviceOwner: string | null }

describe.each(storeNames())('service catalogue on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store, { assembly: assemble([...allModules.filter((m) => m !== servicesModule), servicesModule]) });
    manager = await t.user(['service-level-manager']);
  });
  afterAll(async () => t?.close());

  const create = (name: string, user = manager) => t.app.inject({
    method: 'POST', url: '/api/services', headers: asUser(user),
    payload: { name, serviceType: 'customer-facing', criticality: 'high', category: 'Hosting', serviceOwner: manager.userId, supportCalendarId: '24x7' },
  });
  const move = (s: { id: string; version: number }, to: string, fields?: Record<string, unknown>) => t.app.inject({
    method: 'POST', url: `/api/services/${s.id}/transitions`, headers: { ...asUser(manager), 'if-match': `"${s.version}"` }, payload: { to, fields },
  });

  it('adds a service to the pipeline with an SVC reference and its owner', async () => {
    const res = await create('Managed hosting');
    expect(res.statusCode).toBe(201);
    const service = json<Service>(res);
    expect(service.reference).toMatch(/^SVC-\d{6}$/);
    expect(service.status).toBe('pipeline');
    expect(service.serviceOwner).toBe(manager.userId);
  });

  it('refuses to retire a service without a reason, and retires it with one', async () => {
    const made = json<Service>(await create('Exchange hosting'));
    const live = json<Service>(await move(made, 'live'));
    expect(live.status).toBe('live');
    const refused = await move(live, 'retired');
    expect(refused.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(refused).errors).toEqual([{ field: 'retirementReason', reason: 'is required to retire' }]);
    const retired = await move(live, 'retired', { retirementReason: 'Replaced by Microsoft 365' });
    expect(retired.statusCode).toBe(200);
    expect(json<Service>(retired).status).toBe('retired');
    expect((await move(json<Service>(retired), 'live')).statusCode).toBe(409);
  });

  it('shows requesters live services only and no customers', async () => {
    const requester = await t.user(['requester']);
    const pipeline = json<Service>(await create('Security monitoring'));
    const live = json<Service>(await move(json<Service>(await create('Service desk')), 'live'));
    const seen = json<{ items: Service[] }>(await t.app.inject({ method: 'GET', url: '/api/services', headers: asUser(requester) })).items.map((s) => s.name);
    expect(seen).toContain('Service desk');
    expect(seen).not.toContain('Security monitoring');
    expect((await t.app.inject({ method: 'GET', url: `/api/services/${pipeline.id}`, headers: asUser(requester) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/services/${live.id}`, headers: asUser(requester) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/customers', headers: asUser(requester) })).statusCode).toBe(403);
    expect((await create('Not mine', requester)).statusCode).toBe(403);
  });

  it('keeps a customer register that the service desk can read but not change', async () => {
    const made = await t.app.inject({ method: 'POST', url: '/api/customers', headers: asUser(manager), payload: { organisationName: 'Contoso Retail Ltd', sector: 'retail', accountManager: manager.userId } });
    expect(made.statusCode).toBe(201);
    const customer = json<{ id: string; reference: string; version: number }>(made);
    expect(customer.reference).toMatch(/^CUS-\d{6}$/);
    const agent = await t.user(['service-desk-agent']);
    expect((await t.app.inject({ method: 'GET', url: `/api/customers/${customer.reference}`, headers: asUser(agent) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/customers/${customer.id}`, headers: { ...asUser(agent), 'if-match': '"1"' }, payload: { sector: 'other' } })).statusCode).toBe(403);
    const served = await t.app.inject({ method: 'POST', url: '/api/services', headers: asUser(manager), payload: { name: 'Backup', serviceType: 'customer-facing', criticality: 'high', customersServed: `${customer.reference} Contoso Retail Ltd\nCUS-999999 Nobody` } });
    expect(served.statusCode).toBe(400);
    expect(json<{ errors: { field: string; reason: string }[] }>(served).errors[0]).toMatchObject({ field: 'customersServed', reason: expect.stringContaining('CUS-999999') });
    const ok = await t.app.inject({ method: 'POST', url: '/api/services', headers: asUser(manager), payload: { name: 'Backup', serviceType: 'customer-facing', criticality: 'high', customersServed: `${customer.reference.toLowerCase()} Contoso Retail Ltd\nand walk-in customers` } });
    expect(ok.statusCode).toBe(201);
    const inactive = await t.app.inject({ method: 'POST', url: `/api/customers/${customer.id}/transitions`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { to: 'inactive' } });
    expect(json<{ status: string }>(inactive).status).toBe('inactive');
  });
});
