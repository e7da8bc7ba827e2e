import type { DemoContext } from '../../kernel/module.js';
import type { Principal } from '../../platform/auth/principal.js';
import { principalOfUser } from '../../platform/auth/principals.js';
import type { Executor, Trx } from '../../platform/db/database.js';
import { seededRandom } from '../../platform/random/seeded-random.js';
import { createRecord, transitionRecord } from '../../kernel/records/record.service.js';
import type { RecordView } from '../../kernel/records/record-row.js';
import { servicesInStatus } from '../services/index.js';
import { requestModelRecord } from './request-model.record.js';
import { requestTaskRecord } from './request-task.record.js';
import { serviceRequestRecord } from './service-request.record.js';
import { demoAnswers, demoModels, type DemoModel } from './request-models.demo.js';

const hour = 3_600_000;
const day = 24 * hour;

/** The request catalogue: each demo model drafted and published by the service level manager. */
async function loadModels(context: DemoContext, editor: Principal): Promise<Map<string, { reference: string; model: DemoModel }>> {
  const { db } = context.database;
  const services = new Map((await servicesInStatus(db, 'live')).map((s) => [s.name, s.reference]));
  const models = new Map<string, { reference: string; model: DemoModel }>();
  const at = context.now - 200 * day;
  for (const model of demoModels) {
    const service = services.get(model.service);
    if (!service) continue;
    await db.transaction().execute(async (trx) => {
      const draft = await createRecord(trx, requestModelRecord, editor, {
        name: model.name, description: model.description, service, fulfilmentGroup: model.group, fulfilmentTargetHours: model.targetHours,
        approvalRequired: model.approval !== 'none', approverId: model.approval === 'security-manager' ? context.usersByRole['security-manager'] ?? null : null,
        formFields: model.formFields, tasks: model.tasks, ownerId: editor.userId,
      }, at);
      const published = await transitionRecord(trx, requestModelRecord, editor, draft.id, draft.version, 'published', {}, at + hour);
      models.set(model.name, { reference: published.reference, model });
    });
  }
  return models;
}

/**
 * Six months of service requests from a fixed seed, through the record service so every history
 * chain is intact: approvals and rejections, tasks done in order (a few skipped), waits for the
 * requester, some targets missed, reopenings, ratings — and the latest still in progress.
 */
export async function loadRequestDemo(context: DemoContext): Promise<void> {
  const { db } = context.database;
  const random = seededRandom(8_6_2);
  const between = (low: number, high: number) => low + random() * (high - low);
  const principals = new Map<string, Principal>();
  // Inside a transaction, look-ups go through it: SQLite has one connection, which the transaction holds.
  const as = async (userId: string, executor: Executor = db) => {
    let principal = principals.get(userId);
    if (!principal) principals.set(userId, (principal = await principalOfUser(executor, userId)));
    return principal;
  };
  const editor = await as(context.usersByRole['service-level-manager']!);
  const agent = await as(context.usersByRole['service-desk-agent']!);
  // Requesters take turns by index (half the requests are Mark Ellis's, the rest his colleagues'),
  // drawing nothing from the seeded stream: the requests themselves are drawn as with one requester.
  const requesters = await Promise.all(context.requesters.map((id) => as(id)));
  const requesterOf = (i: number) => (i % 2 === 0 || requesters.length === 1 ? requesters[0]! : requesters[1 + (Math.floor(i / 2) % (requesters.length - 1))]!);
  const models = [...(await loadModels(context, editor)).values()];
  if (models.length === 0) return;
  const weighted = models.flatMap((m) => Array.from({ length: m.model.weight }, () => m));
  const count = 150;
  const start = context.now - 182 * day;
  for (let i = 0; i < count; i++) {
    const { reference, model } = weighted[Math.floor(random() * weighted.length)]!;
    // Spread over six months, the last twenty in the final four days so that some are still in flight.
    const recent = count - 20;
    const offset = i < recent ? (i / recent) * 176 * day + between(8, 17) * hour : 177 * day + ((i - recent) / 20) * 4 * day + between(0, 3) * hour;
    const raised = Math.round(start + offset);
    const wanted = new Date(raised + 14 * day).toISOString().slice(0, 10);
    const requester = requesterOf(i);
    await db.transaction().execute(async (trx) => {
      const byRequester = random() < 0.7;
      const request = await createRecord(trx, serviceRequestRecord, byRequester ? requester : agent, {
        model: reference, answers: demoAnswers(model.name, i, wanted), requesterId: requester.userId,
      }, raised);
      const life: Life = { trx, request, at: raised, now: context.now, between, random };
      if (random() < 0.04) {
        await step(life, requester, 'cancelled', { cancelReason: 'No longer needed' }, between(1, 20) * hour);
        return;
      }
      if (request.status === 'awaiting-approval') {
        const approver = await as(String(request.approverId), trx);
        if (random() < 0.12) {
          await step(life, approver, 'rejected', { approvalReason: 'Not justified for this role; speak to your line manager.' }, between(1, 30) * hour);
          return;
        }
        if (!(await step(life, approver, 'approved', { approvalReason: 'Agreed.' }, between(0.5, 30) * hour))) return;
      }
      await fulfil(life, model, agent, requester);
    });
  }
}

/** One demo request as it moves: the record, the time reached, and the demo's "now" it must not pass. */
interface Life {
  trx: Trx;
  request: RecordView;
  at: number;
  now: number;
  between(low: number, high: number): number;
  random(): number;
}

async function step(life: Life, who: Principal, to: string, fields: Record<string, unknown>, after: number): Promise<boolean> {
  const at = life.at + Math.round(after);
  if (at > life.now) return false;
  life.at = at;
  life.request = await transitionRecord(life.trx, serviceRequestRecord, who, life.request.id, life.request.version, to, fields, at);
  return true;
}

/** Starts fulfilment, works the tasks in order, and has the requester confirm (mostly) or reopen. */
async function fulfil(life: Life, model: DemoModel, agent: Principal, requester: Principal): Promise<void> {
  const { between, random } = life;
  // Business hours are about a third of the week's wall clock on an office calendar.
  const wallPerBusinessHour = model.service === 'Network connectivity' ? 1 : 3.2;
  const pace = between(0.15, 1.15) * model.targetHours * wallPerBusinessHour * hour;
  if (!(await step(life, agent, 'in-fulfilment', {}, between(0.05, 0.15) * pace))) return;
  const tasks = await life.trx.selectFrom('request_tasks').select(['id', 'version', 'position']).where('request', '=', life.request.reference).orderBy('position').execute();
  const share = 0.8 / Math.max(1, tasks.length);
  for (const task of tasks) {
    if (task.position === 1 && random() < 0.12) {
      if (!(await step(life, agent, 'awaiting-requester', {}, between(0.1, 0.3) * pace))) return;
      if (!(await step(life, requester, 'in-fulfilment', {}, between(2, 48) * hour))) return;
    }
    const at = life.at + Math.round(between(0.5, 1.5) * share * pace);
    if (at > life.now) return;
    life.at = at;
    const skip = task.position === 2 && random() < 0.08;
    await transitionRecord(life.trx, requestTaskRecord, agent, task.id, task.version, skip ? 'skipped' : 'done', skip ? { skipReason: 'Already in place for this person.' } : {}, at);
  }
  if (!(await step(life, agent, 'fulfilled', {}, between(0.02, 0.1) * pace))) return;
  if (random() < 0.05) {
    if (!(await step(life, requester, 'in-fulfilment', { reopenReason: 'Part of it is still missing.' }, between(2, 30) * hour))) return;
    if (!(await step(life, agent, 'fulfilled', {}, between(1, 8) * hour))) return;
  }
  if (random() < 0.72) {
    const met = life.request.fulfilledWithinTarget === true;
    const rating = met ? [5, 5, 4, 4, 4, 3][Math.floor(random() * 6)]! : [4, 3, 3, 2, 2, 1][Math.floor(random() * 6)]!;
    await step(life, requester, 'closed', { satisfaction: rating, satisfactionComment: rating >= 4 ? 'Thanks, all working.' : rating === 3 ? 'Done, but it took a while.' : 'Far too slow; I chased twice.' }, between(1, 72) * hour);
  } else {
    await step(life, agent, 'closed', {}, between(72, 120) * hour);
  }
}
