import type { DemoContext } from '../../kernel/module.js';
import { principalOfUser } from '../../platform/auth/principals.js';
import { createRecord, transitionRecord } from '../../kernel/records/record.service.js';
import { improvementRecord } from './improvement.record.js';

const day = 86_400_000;

const ideas = [
  { title: 'Automate the monthly SLA report for the hosting customers', source: 'kpi', priority: 'high', path: ['approved', 'in-progress', 'completed'], benefit: 'Report issued by working day 3 instead of day 8; no manual spreadsheet merge.' },
  { title: 'Add a knowledge article check to incident closure', source: 'incident-trend', priority: 'medium', path: ['approved', 'in-progress'], benefit: 'First-contact resolution up from 58% to 65% within two quarters.' },
  { title: 'Run a tabletop continuity test for the payment gateway', source: 'management-review', priority: 'high', path: ['approved'], benefit: 'The payment gateway continuity plan tested for the first time, with its recovery objectives checked.' },
  { title: 'Publish the change calendar to customers', source: 'customer-feedback', priority: 'medium', path: [], benefit: 'Fewer complaints about unannounced maintenance.' },
  { title: 'Replace the on-call spreadsheet with a rota tool', source: 'staff', priority: 'low', path: ['rejected'], benefit: 'Less manual effort for the duty managers.' },
  { title: 'Review OLA targets with the network team', source: 'management-review', priority: 'medium', path: [], benefit: 'OLA targets that support the P1 resolution SLA.' },
];

/** A small improvement register with work at every stage. */
export async function loadImprovementDemo(context: DemoContext): Promise<void> {
  const { db } = context.database;
  const manager = await principalOfUser(db, context.usersByRole['sms-manager']!);
  const owner = await principalOfUser(db, context.usersByRole['process-owner']!);
  let at = context.now - 120 * day;
  for (const idea of ideas) {
    at += 15 * day;
    await db.transaction().execute(async (trx) => {
      const created = await createRecord(trx, improvementRecord, owner, {
        title: idea.title, source: idea.source, priority: idea.priority, expectedBenefit: idea.benefit,
        description: `Raised from ${idea.source.replace('-', ' ')}.`, ownerId: owner.userId,
        targetDate: new Date(at + 90 * day).toISOString().slice(0, 10),
      }, at);
      let version = created.version;
      let when = at;
      for (const to of idea.path) {
        when += 5 * day;
        const fields = to === 'approved' ? { decisionReason: 'Supports this year\'s SMS objectives.' }
          : to === 'rejected' ? { decisionReason: 'Cost outweighs the benefit; revisit next year.' }
          : to === 'completed' ? { outcome: 'Achieved: report now produced automatically on working day 2.' } : {};
        const actor = to === 'approved' || to === 'rejected' ? manager : owner;
        version = (await transitionRecord(trx, improvementRecord, actor, created.id, version, to, fields, when)).version;
      }
    });
  }
}
