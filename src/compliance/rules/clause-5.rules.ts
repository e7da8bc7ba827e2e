import type { Rule } from './rule.types.js';

/** 5.3: every SMS role has a named holder. */
export const everySmsRoleHeld: Rule = {
  requirementId: '5.3-01',
  id: '5.3/every-role-held',
  evaluate({ roles }) {
    if (roles.length === 0) return { outcome: 'not-evaluable', explanation: 'The catalogue names no SMS roles to check.', evidence: [] };
    const vacant = roles.filter((r) => r.activeHolders === 0);
    if (vacant.length === 0) return { outcome: 'conformant', explanation: `All ${roles.length} SMS roles are held by at least one active user.`, evidence: [] };
    const names = vacant.map((r) => r.title).join('; ');
    if (vacant.length === roles.length) return { outcome: 'nonconformant', explanation: `No SMS role is held by an active user (${names}).`, evidence: [] };
    return { outcome: 'partial', explanation: `${vacant.length} of ${roles.length} SMS roles have no active holder: ${names}.`, evidence: [] };
  },
};

/** 5.3: a named person runs the SMS. */
export const smsManagerAppointed: Rule = {
  requirementId: '5.3-02',
  id: '5.3/sms-manager-appointed',
  evaluate({ roles }) {
    const manager = roles.find((r) => r.role === 'sms-manager');
    if (!manager) return { outcome: 'not-evaluable', explanation: 'The catalogue has no SMS manager role to check.', evidence: [] };
    return manager.activeHolders > 0
      ? { outcome: 'conformant', explanation: `The SMS manager role is held by ${manager.activeHolders} active user${manager.activeHolders === 1 ? '' : 's'}.`, evidence: [] }
      : { outcome: 'nonconformant', explanation: 'Nobody active holds the SMS manager role.', evidence: [] };
  },
};
