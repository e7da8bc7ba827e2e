import type { DemoContext } from '../../kernel/module.js';
import type { Holiday } from '../../kernel/calendar/index.js';
import { principalOfUser } from '../../platform/auth/principals.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Trx } from '../../platform/db/database.js';
import { createRecord, transitionRecord } from '../../kernel/records/record.service.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { servicesInStatus } from '../services/index.js';
import { createCalendar } from './calendar.service.js';
import { contractRecord } from './contract.record.js';
import { olaRecord } from './ola.record.js';
import { slaRecord } from './sla.record.js';

const day = 86_400_000;

/** England and Wales bank holidays, 2025–2027 (substitute days where one falls at a weekend). */
const bankHolidays: Holiday[] = [
  ['2025-01-01', 'New Year\'s Day'], ['2025-04-18', 'Good Friday'], ['2025-04-21', 'Easter Monday'], ['2025-05-05', 'Early May bank holiday'],
  ['2025-05-26', 'Spring bank holiday'], ['2025-08-25', 'Summer bank holiday'], ['2025-12-25', 'Christmas Day'], ['2025-12-26', 'Boxing Day'],
  ['2026-01-01', 'New Year\'s Day'], ['2026-04-03', 'Good Friday'], ['2026-04-06', 'Easter Monday'], ['2026-05-04', 'Early May bank holiday'],
  ['2026-05-25', 'Spring bank holiday'], ['2026-08-31', 'Summer bank holiday'], ['2026-12-25', 'Christmas Day'], ['2026-12-28', 'Boxing Day (substitute day)'],
  ['2027-01-01', 'New Year\'s Day'], ['2027-03-26', 'Good Friday'], ['2027-03-29', 'Easter Monday'], ['2027-05-03', 'Early May bank holiday'],
  ['2027-05-31', 'Spring bank holiday'], ['2027-08-30', 'Summer bank holiday'], ['2027-12-27', 'Christmas Day (substitute day)'], ['2027-12-28', 'Boxing Day (substitute day)'],
].map(([date, name]) => ({ date: date!, name: name! }));

/** The service desk closes at 13:00 on Christmas Eve. */
const christmasEves: Holiday[] = ['2025-12-24', '2026-12-24', '2027-12-24'].map((date) => ({ date, name: 'Christmas Eve (closes 13:00)', closed: [{ start: '13:00', end: '18:00' }] }));

const officeDay = [{ start: '08:00', end: '18:00' }];
const wholeDay = [{ start: '00:00', end: '24:00' }];

type Targets = [number, number, number, number, number, number, number, number];
/** [P1 response, P1 resolution, P2 …, P4 resolution] in business minutes. */
const roundTheClock: Targets = [15, 240, 30, 480, 120, 1440, 240, 2880];
const officeHours: Targets = [15, 240, 30, 480, 60, 600, 240, 1200];

function targetValues(t: Targets) {
  return {
    p1ResponseMinutes: t[0], p1ResolutionMinutes: t[1], p2ResponseMinutes: t[2], p2ResolutionMinutes: t[3],
    p3ResponseMinutes: t[4], p3ResolutionMinutes: t[5], p4ResponseMinutes: t[6], p4ResolutionMinutes: t[7],
  };
}

async function agreed(trx: Trx, def: RecordTypeDefinition, author: Principal, approver: Principal, input: Record<string, unknown>, at: number, review = false): Promise<string> {
  const created = await createRecord(trx, def, author, input, at);
  const approved = await transitionRecord(trx, def, approver, created.id, created.version, 'agreed', {}, at + 7 * day);
  if (review) await transitionRecord(trx, def, author, created.id, approved.version, 'under-review', {}, at + 300 * day);
  return created.reference;
}

/**
 * Northwind's calendars, an SLA per live service, OLAs with the network and hosting teams and
 * Acme Networks' carrier contract, whose P1 resolution target is looser than the SLA's.
 */
export async function loadServiceLevelsDemo(context: DemoContext): Promise<void> {
  const { db } = context.database;
  const levels = await principalOfUser(db, context.usersByRole['service-level-manager']!);
  const board = await principalOfUser(db, context.usersByRole['top-management']!);
  const start = context.now - 360 * day;
  const reviewDate = (months: number) => new Date(context.now + months * 30 * day).toISOString().slice(0, 10);
  await db.transaction().execute(async (trx) => {
    await createCalendar(trx, levels, 'london-business-hours', {
      name: 'London business hours (Mon–Fri 08:00–18:00, England and Wales bank holidays)', timeZone: 'Europe/London',
      workingHours: { monday: officeDay, tuesday: officeDay, wednesday: officeDay, thursday: officeDay, friday: officeDay },
      holidays: [...bankHolidays, ...christmasEves].sort((a, b) => a.date.localeCompare(b.date)),
    }, start);
    await createCalendar(trx, levels, '24x7', {
      name: '24×7 (every hour of every day)', timeZone: 'Europe/London',
      workingHours: { monday: wholeDay, tuesday: wholeDay, wednesday: wholeDay, thursday: wholeDay, friday: wholeDay, saturday: wholeDay, sunday: wholeDay },
    }, start);

    const slaOf = new Map<string, string>();
    const services = await servicesInStatus(trx, 'live');
    const paymentCustomer = await trx.selectFrom('customers').select('reference').where('organisation_name', '=', 'Contoso Retail Ltd').executeTakeFirst();
    for (const [i, service] of services.entries()) {
      const calendarId = service.supportCalendarId ?? 'london-business-hours';
      const tight = service.name === 'Payment gateway hosting';
      const targets = tight ? [10, 120, 15, 240, 60, 720, 240, 2880] as Targets : calendarId === '24x7' ? roundTheClock : officeHours;
      const reference = await agreed(trx, slaRecord, levels, board, {
        title: `${service.name} SLA${tight && paymentCustomer ? ' – Contoso Retail' : ''}`,
        description: `Targets for ${service.name.toLowerCase()}, measured in ${calendarId === '24x7' ? 'all hours' : 'London business hours'}. Reported monthly; reviewed every twelve months.`,
        service: service.reference, customer: tight ? paymentCustomer?.reference ?? null : null, calendarId,
        ...targetValues(targets), atRiskPercent: 75, pauseStatuses: 'awaiting-caller', reviewDate: reviewDate(i === 0 ? 1 : 6 + i),
        ownerId: levels.userId,
      }, start + (10 + i) * day, service.name === 'Microsoft 365 administration');
      slaOf.set(service.name, reference);
    }

    const network = slaOf.get('Network connectivity');
    const hosting = slaOf.get('Managed hosting');
    if (network) {
      await agreed(trx, olaRecord, levels, levels, {
        title: 'Network team OLA', assignmentGroup: 'Network', supportsSla: network, reviewDate: reviewDate(4),
        description: 'The network team diagnoses and fixes WAN and site router faults, and engages Acme Networks for carrier faults.',
        p1ResponseMinutes: 10, p1ResolutionMinutes: 180, p2ResponseMinutes: 20, p2ResolutionMinutes: 360, p3ResolutionMinutes: 1080, p4ResolutionMinutes: 2400,
      }, start + 40 * day);
      await agreed(trx, contractRecord, levels, board, {
        title: 'Acme Networks carrier services contract', supplier: 'Acme Networks', supportsSla: network, contractEnd: reviewDate(14), reviewDate: reviewDate(2),
        description: 'Leased lines and internet transit for all customer sites; fault response and fix times per the carrier\'s schedule 3.',
        // Schedule 3 fixes P1 faults in 6 hours: looser than the 4-hour SLA it underpins.
        p1ResponseMinutes: 15, p1ResolutionMinutes: 360, p2ResponseMinutes: 30, p2ResolutionMinutes: 480, p3ResolutionMinutes: 1440, p4ResolutionMinutes: 2880,
      }, start + 45 * day);
    }
    if (hosting) {
      await agreed(trx, olaRecord, levels, levels, {
        title: 'Hosting team OLA', assignmentGroup: 'Hosting', supportsSla: hosting, reviewDate: reviewDate(5),
        description: 'The hosting team restores servers, storage and the virtualisation platform in both data centres.',
        p1ResponseMinutes: 10, p1ResolutionMinutes: 180, p2ResponseMinutes: 20, p2ResolutionMinutes: 360, p3ResolutionMinutes: 1200, p4ResolutionMinutes: 2400,
      }, start + 50 * day);
    }
  });
}
