import nodemailer from 'nodemailer';
import type { Config } from '../config/config.js';
import type { Executor } from '../db/database.js';
import { enqueueJob } from '../jobs/job-queue.js';
import type { JobHandler } from '../jobs/job-runner.js';

export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
}

export const emailJobKind = 'notify.email';

/**
 * Queues an e-mail in the caller's transaction; the job runner sends it after commit, retrying
 * if the mail server is down. A message is never sent for a change that was rolled back.
 */
export async function queueEmail(db: Executor, message: EmailMessage, dedupeKey?: string, now = Date.now()): Promise<void> {
  if (message.to.length === 0) return;
  await enqueueJob(db, { kind: emailJobKind, payload: { ...message }, dedupeKey, maxAttempts: 8 }, now);
}

/** The job handler that delivers queued e-mail over SMTP; without CERTUS_SMTP_URL it only logs. */
export function emailSender(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, log?: (message: string) => void): JobHandler {
  const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  return async (payload) => {
    const message = payload as unknown as EmailMessage;
    if (!transport) {
      log?.(`e-mail not sent (CERTUS_SMTP_URL unset): "${message.subject}" to ${message.to.join(', ')}`);
      return;
    }
    await transport.sendMail({ from: config.mailFrom, to: message.to, subject: message.subject, text: message.text });
  };
}
