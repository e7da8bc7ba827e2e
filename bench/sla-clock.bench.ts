/**
 * bench/sla-clock: evaluating SLA resolution clocks for 1,000,000 synthetic tickets (seeded),
 * each with 0–2 customer pauses and most of them resolved, against Europe/London Mon–Fri
 * 08:00–18:00 with the England and Wales bank holidays 2025–2027.
 *
 * Figures: tickets/s without explanation segments (bulk use: dashboards, breach scans), with
 * them (a ticket page), and a naive baseline that walks the calendar day by day with Luxon,
 * on a sample, as a ratio. The baseline's results are also checked against the engine's.
 *
 * Usage: npx tsx bench/sla-clock.bench.ts [--n 1000000] [--baseline 20000]
 */
import { createBusinessCalendar, computeSlaClock, type BusinessCalendarDefinition, type ClockDefinition, type TimelineEvent } from '../src/kernel/calendar/index.js';
import { naiveAddBusinessMillis, naiveBusinessMillisBetween } from '../src/kernel/calendar/naive-business-time.js';
import { seededRandom } from '../src/platform/random/seeded-random.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set((process.argv[i] ?? '').replace(/^--/, ''), process.argv[i + 1] ?? '');
const total = Number(args.get('n') ?? 1_000_000);
const baselineSample = Number(args.get('baseline') ?? 10_000);

const hour = 3_600_000;
const day = 24 * hour;
const office = [{ start: '08:00', end: '18:00' }];
// England and Wales bank holidays (gov.uk), including the substitute days of 2026 and 2027.
const bankHolidays = [
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
];
const definition: BusinessCalendarDefinition = {
  id: 'uk-office',
  timeZone: 'Europe/London',
  workingHours: { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office },
  holidays: bankHolidays.map((date) => ({ date })),
};
const resolution: ClockDefinition = {
  id: 'resolution',
  pauseStatuses: ['awaiting-customer', 'awaiting-supplier'],
  stopStatuses: ['resolved', 'closed'],
  targets: { P1: 4 * hour, P2: 8 * hour, P3: 24 * hour, P4: 40 * hour },
};

interface Ticket {
  timeline: TimelineEvent[];
  now: number;
}

let random = seededRandom(20251128);
const firstDay = Date.parse('2025-01-01T00:00:00Z') / day;
const days = Date.parse('2027-10-01T00:00:00Z') / day - firstDay;

function syntheticTicket(): Ticket {
  // Opened mostly in the day (07:00–19:00 UTC) on any day of 2025 – Sept 2027.
  let t = (firstDay + Math.floor(random() * days)) * day + 7 * hour + Math.floor(random() * 12 * hour);
  const p = random();
  const priority = p < 0.1 ? 'P1' : p < 0.35 ? 'P2' : p < 0.75 ? 'P3' : 'P4';
  const timeline: TimelineEvent[] = [{ at: t, status: 'new', priority }];
  t += Math.floor(random() * 2 * hour);
  timeline.push({ at: t, status: 'in-progress' });
  const pauses = Math.floor(random() * 3);
  for (let i = 0; i < pauses; i++) {
    t += Math.floor(random() * 2 * day);
    timeline.push({ at: t, status: random() < 0.8 ? 'awaiting-customer' : 'awaiting-supplier' });
    t += Math.floor(random() * 3 * day);
    timeline.push({ at: t, status: 'in-progress' });
  }
  if (random() < 0.8) {
    t += Math.floor(random() * 4 * day);
    timeline.push({ at: t, status: 'resolved' });
  }
  return { timeline, now: t + Math.floor(random() * 5 * day) };
}

function batch(size: number): Ticket[] {
  const tickets: Ticket[] = [];
  for (let i = 0; i < size; i++) tickets.push(syntheticTicket());
  return tickets;
}

/** Day-by-day reference: elapsed running time and, when running, the due instant. */
function naiveClock(ticket: Ticket): { elapsed: number; due: number | null } {
  const target = resolution.targets[ticket.timeline[0]?.priority ?? ''] ?? 0;
  let elapsed = 0;
  let status = '';
  for (let i = 0; i < ticket.timeline.length; i++) {
    const event = ticket.timeline[i] as TimelineEvent;
    status = event.status ?? status;
    const to = ticket.timeline[i + 1]?.at ?? ticket.now;
    if (status === 'new' || status === 'in-progress') elapsed += naiveBusinessMillisBetween(definition, event.at, to);
  }
  const running = status === 'new' || status === 'in-progress';
  return { elapsed, due: running && elapsed < target ? naiveAddBusinessMillis(definition, ticket.now, target - elapsed) : null };
}

const compileStart = performance.now();
const calendar = createBusinessCalendar(definition);
computeSlaClock([{ at: Date.parse('2026-01-05T09:00:00Z'), status: 'new', priority: 'P1' }], resolution, { now: Date.parse('2026-01-05T10:00:00Z'), calendar });
const compileMillis = performance.now() - compileStart;
// Warm-up on other tickets (another seed), so the figures are of optimised code.
random = seededRandom(1);
for (const ticket of batch(20_000)) {
  computeSlaClock(ticket.timeline, resolution, { now: ticket.now, calendar, explain: false });
  computeSlaClock(ticket.timeline, resolution, { now: ticket.now, calendar });
}

interface Phase {
  wallMillis: number;
  cpuMicros: number;
  breached: number;
  elapsedSum: number;
}

/**
 * Evaluates the seeded million; only the evaluation is timed. The tickets are generated up front
 * (about 0.5 GB), so the timed loop does not pay for promoting freshly generated tickets
 * through the garbage collector, which would be a cost of the bench, not of the engine.
 */
function runPhase(tickets: readonly Ticket[], explain: boolean): Phase {
  const phase: Phase = { wallMillis: 0, cpuMicros: 0, breached: 0, elapsedSum: 0 };
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (const ticket of tickets) {
    const result = computeSlaClock(ticket.timeline, resolution, { now: ticket.now, calendar, explain });
    if (result.breached) phase.breached++;
    phase.elapsedSum += result.elapsedMillis;
  }
  phase.cpuMicros = process.cpuUsage(cpu).user;
  phase.wallMillis = performance.now() - start;
  return phase;
}

random = seededRandom(20251128);
const generationStart = performance.now();
const tickets = batch(total);
const generationMillis = performance.now() - generationStart;
const baselineTickets = tickets.slice(0, baselineSample);
const plain = runPhase(tickets, false);
const explained = runPhase(tickets, true);
const evaluated = total;
const breached = plain.breached;
const checksum = plain.elapsedSum - explained.elapsedSum + plain.breached - explained.breached;
const [plainMillis, plainCpuMicros, explainedMillis, explainedCpuMicros] = [plain.wallMillis, plain.cpuMicros, explained.wallMillis, explained.cpuMicros];

let mismatches = 0;
const baselineStart = performance.now();
const baselineCpu = process.cpuUsage();
const naive = baselineTickets.map(naiveClock);
const baselineMillis = performance.now() - baselineStart;
const baselineCpuMicros = process.cpuUsage(baselineCpu).user;
baselineTickets.forEach((ticket, i) => {
  const fast = computeSlaClock(ticket.timeline, resolution, { now: ticket.now, calendar, explain: false });
  const slow = naive[i] as { elapsed: number; due: number | null };
  const fastDue = fast.status === 'running' && !fast.breached ? fast.dueAt : null;
  if (fast.elapsedMillis !== slow.elapsed || fastDue !== slow.due) mismatches++;
});

const rate = (count: number, millis: number): number => Math.round((count / millis) * 1000);
const figure = (count: number, wallMillis: number, cpuMicros: number): string =>
  `${rate(count, wallMillis).toLocaleString('en-GB').padStart(11)} tickets/s wall, ${rate(count, cpuMicros / 1000).toLocaleString('en-GB').padStart(11)} tickets/s of CPU time`;
const plainRate = rate(evaluated, plainCpuMicros / 1000);
const baselineRate = rate(baselineTickets.length, baselineCpuMicros / 1000);
// CPU-time figures are the steadier ones on a shared machine; wall figures include waiting for a core.
console.log(`SLA clock bench: ${evaluated.toLocaleString('en-GB')} tickets (seed 20251128), Europe/London Mon–Fri 08:00–18:00, ${bankHolidays.length} bank holidays`);
console.log(`  calendar compile + first evaluation  ${compileMillis.toFixed(1)} ms; ticket generation ${(generationMillis / 1000).toFixed(1)} s (not timed)`);
console.log(`  engine, no explanation               ${figure(evaluated, plainMillis, plainCpuMicros)} (${((plainCpuMicros * 1000) / evaluated).toFixed(0)} ns CPU/ticket)`);
console.log(`  engine, with explanation segments    ${figure(evaluated, explainedMillis, explainedCpuMicros)}`);
if (baselineTickets.length > 0) {
  console.log(`  naive day-by-day Luxon baseline      ${figure(baselineTickets.length, baselineMillis, baselineCpuMicros)} (${baselineTickets.length.toLocaleString('en-GB')}-ticket sample)`);
  console.log(`  ratio engine / baseline (CPU time)   ${(plainRate / baselineRate).toFixed(0)}×`);
}
console.log(`  breached ${((breached / evaluated) * 100).toFixed(1)}%; baseline mismatches ${mismatches}; checksum ${checksum === 0 ? 'ok' : 'DIFFERS'}`);
if (mismatches > 0 || checksum !== 0) process.exitCode = 1;
