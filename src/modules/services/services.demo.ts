import type { DemoContext } from '../../kernel/module.js';
import { principalOfUser } from '../../platform/auth/principals.js';
import { createRecord, transitionRecord } from '../../kernel/records/record.service.js';
import { customerRecord } from './customer.record.js';
import { serviceRecord } from './service.record.js';

const day = 86_400_000;

/** Calendar ids the service-levels demo creates; the catalogue names them before they exist. */
const businessHours = 'london-business-hours';
const allHours = '24x7';

const customers = [
  { organisationName: 'Contoso Retail Ltd', sector: 'retail', contacts: 'Jane Porter, Head of IT, jane.porter@contoso-retail.example, +44 20 7946 0101\nRaj Patel, E-commerce lead, raj.patel@contoso-retail.example' },
  { organisationName: 'Fabrikam Insurance plc', sector: 'financial-services', contacts: 'Helen Marsh, CIO, helen.marsh@fabrikam.example, +44 161 496 0200' },
  { organisationName: 'Tailspin Health Trust', sector: 'healthcare', contacts: 'Dr Ian Reid, Digital services director, ian.reid@tailspin-health.example' },
  { organisationName: 'Wingtip Logistics', sector: 'manufacturing', contacts: 'Carla Mendes, IT manager, carla.mendes@wingtip.example, +44 113 496 0300' },
  { organisationName: 'Adventure Works Council', sector: 'public-sector', contacts: 'Peter Quinn, ICT client manager, peter.quinn@adventure-works.example', inactive: true },
] as const;

interface DemoService {
  name: string;
  description: string;
  serviceType: 'customer-facing' | 'supporting';
  category: string;
  criticality: 'critical' | 'high' | 'medium' | 'low';
  calendar: string;
  /** Indexes into `customers`. */
  served: number[];
  requests: string[];
  path: ('live' | 'retired')[];
  retirementReason?: string;
}

const services: DemoService[] = [
  { name: 'Managed hosting', description: 'Virtual and dedicated servers in our two UK data centres, patched, monitored and backed up.', serviceType: 'customer-facing', category: 'Hosting', criticality: 'critical', calendar: allHours, served: [0, 1, 3], requests: ['New virtual server', 'Resize a server', 'Firewall rule change'], path: ['live'] },
  { name: 'Service desk', description: 'Single point of contact for incidents and requests by phone, e-mail and portal.', serviceType: 'customer-facing', category: 'End-user', criticality: 'high', calendar: businessHours, served: [0, 1, 2, 3], requests: ['Password reset', 'New starter', 'Leaver'], path: ['live'] },
  { name: 'Backup and recovery', description: 'Daily backups with 35-day retention, monthly restore tests and an off-site copy.', serviceType: 'customer-facing', category: 'Hosting', criticality: 'high', calendar: businessHours, served: [0, 1, 2], requests: ['Restore files', 'Change retention'], path: ['live'] },
  { name: 'Network connectivity', description: 'Managed WAN, site routers and internet breakout, with Acme Networks as the carrier.', serviceType: 'customer-facing', category: 'Network', criticality: 'critical', calendar: allHours, served: [1, 3], requests: ['New site connection', 'Bandwidth change'], path: ['live'] },
  { name: 'Microsoft 365 administration', description: 'Tenant administration, licences, mailboxes, Teams and SharePoint permissions.', serviceType: 'customer-facing', category: 'End-user', criticality: 'medium', calendar: businessHours, served: [0, 2, 3], requests: ['New mailbox', 'Shared mailbox access', 'Licence change'], path: ['live'] },
  { name: 'Payment gateway hosting', description: 'PCI DSS scoped hosting for card payment services, with quarterly scans.', serviceType: 'customer-facing', category: 'Hosting', criticality: 'critical', calendar: allHours, served: [0], requests: ['Merchant configuration change'], path: ['live'] },
  { name: 'Managed security monitoring', description: 'Planned 24×7 SOC monitoring of customer logs, due to launch next quarter.', serviceType: 'customer-facing', category: 'Security', criticality: 'high', calendar: allHours, served: [], requests: [], path: [] },
  { name: 'On-premises Exchange hosting', description: 'Hosted Exchange 2016 mail for customers not yet on Microsoft 365.', serviceType: 'customer-facing', category: 'End-user', criticality: 'medium', calendar: businessHours, served: [], requests: [], path: ['live', 'retired'], retirementReason: 'Exchange 2016 reached end of support; every customer moved to Microsoft 365 administration.' },
];

/** The Northwind Managed Services catalogue: customers first, then the services they use. */
export async function loadServicesDemo(context: DemoContext): Promise<void> {
  const { db } = context.database;
  const manager = await principalOfUser(db, context.usersByRole['sms-manager']!);
  const levels = context.usersByRole['service-level-manager']!;
  const owners = [context.usersByRole['process-owner']!, context.usersByRole['capacity-availability-manager']!, levels];
  const start = context.now - 400 * day;
  await db.transaction().execute(async (trx) => {
    const references: string[] = [];
    for (const [i, customer] of customers.entries()) {
      const created = await createRecord(trx, customerRecord, manager, {
        organisationName: customer.organisationName, sector: customer.sector, accountManager: levels, contacts: customer.contacts, ownerId: levels,
      }, start + i * day);
      references.push(`${created.reference} ${customer.organisationName}`);
      if ('inactive' in customer) await transitionRecord(trx, customerRecord, manager, created.id, created.version, 'inactive', {}, start + 200 * day);
    }
    for (const [i, service] of services.entries()) {
      const owner = owners[i % owners.length]!;
      let at = start + (10 + i) * day;
      const created = await createRecord(trx, serviceRecord, manager, {
        name: service.name, description: service.description, serviceType: service.serviceType, category: service.category,
        criticality: service.criticality, supportCalendarId: service.calendar, serviceOwner: owner, ownerId: owner,
        customersServed: service.served.map((c) => references[c]).join('\n') || null,
        requestTypesOffered: service.requests.join('\n') || null,
      }, at);
      let version = created.version;
      for (const to of service.path) {
        at += 30 * day;
        const fields = to === 'retired' ? { retirementReason: service.retirementReason } : {};
        version = (await transitionRecord(trx, serviceRecord, manager, created.id, version, to, fields, at)).version;
      }
    }
  });
}
