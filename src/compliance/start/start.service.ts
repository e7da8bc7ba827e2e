import type { Database } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { PermissionRegistry } from '../../platform/auth/permissions.js';
import { approvalsFor, type ApprovalItem } from '../../modules/requests/index.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';
import { auditSection, type AuditSection } from './audit.service.js';
import { smsOverview, type SmsOverview } from './overview.service.js';
import { startSectionsFor, workKindsFor, type StartSectionId } from './start.sections.js';
import { workLimit, workSection, type WorkSection } from './work.service.js';

export interface StartPage {
  sections: StartSectionId[];
  work?: WorkSection;
  approvals?: { items: ApprovalItem[]; limit: number };
  overview?: SmsOverview;
  audit?: AuditSection;
}

/** The signed-in person's start page: only the sections their roles have, each from the records they may read. */
export async function startPageFor(database: Database, catalogue: Catalogue, permissions: PermissionRegistry, principal: Principal, now = Date.now()): Promise<StartPage> {
  const { db } = database;
  const allows = (p: `${string}:${string}`) => permissions.has(p) && permissions.allows(principal.roles, p);
  const sections = startSectionsFor(principal.roles, allows);
  const page: StartPage = { sections };
  if (sections.includes('overview')) page.overview = await smsOverview(database, catalogue, allows, now);
  if (sections.includes('audit')) page.audit = await auditSection(db, catalogue);
  if (sections.includes('work')) page.work = await workSection(db, principal.userId, workKindsFor(allows), now);
  if (sections.includes('approvals')) page.approvals = { items: await approvalsFor(db, principal.userId, workLimit), limit: workLimit };
  return page;
}
