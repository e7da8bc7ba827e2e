import type { AfterWriteContext } from '../../kernel/records/record-type.js';
import type { Executor } from '../../platform/db/database.js';
import { queueEmail } from '../../platform/notify/mailer.js';

async function addressOf(db: Executor, userId: unknown): Promise<string[]> {
  if (typeof userId !== 'string') return [];
  const user = await db.selectFrom('users').select('email').where('id', '=', userId).where('active', '=', 1).executeTakeFirst();
  return user ? [user.email] : [];
}

/**
 * 8.6.2: the people a request waits on hear about it — the approver when it needs a decision, the
 * requester when it is rejected or fulfilled (to confirm and rate). Through the outbox, in the
 * write's transaction, once per event (a request fulfilled again after "not fulfilled" tells again).
 */
export async function noticeRequestParties({ trx, record, kind, from }: AfterWriteContext): Promise<void> {
  const title = `${record.reference} "${String(record.shortDescription ?? '')}"`;
  const at = Date.parse(record.updatedAt);
  if (kind === 'created' && record.status === 'awaiting-approval') {
    await queueEmail(trx, {
      to: await addressOf(trx, record.approverId),
      subject: `${record.reference} needs your approval`,
      text: `${title} is waiting for your decision. Approve or reject it, with your reason, on the request's page in Certus.`,
    }, `request:${record.id}:approval`, at);
  }
  if (kind !== 'transitioned' || from === record.status) return;
  if (record.status === 'rejected') {
    await queueEmail(trx, {
      to: await addressOf(trx, record.requesterId),
      subject: `${record.reference} was not approved`,
      text: `${title} was rejected: ${String(record.approvalReason ?? 'no reason given')}.`,
    }, `request:${record.id}:rejected`, at);
  }
  if (record.status === 'fulfilled') {
    await queueEmail(trx, {
      to: await addressOf(trx, record.requesterId),
      subject: `${record.reference} is fulfilled: please confirm`,
      text: `${title} has been fulfilled. Confirm it and rate the service, or tell us it is not done, on the request's page in the portal.`,
    }, `request:${record.id}:fulfilled:${record.version}`, at);
  }
}
