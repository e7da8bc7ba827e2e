import type { Grants } from '../../platform/auth/permissions.js';

/**
 * Making a checkpoint is the administrator's (held by the administrator alone); reading the
 * latest one, to keep its hash elsewhere, is also the internal auditor's, as every `:read` is.
 */
export const integrityGrants: Grants = {
  'checkpoints:make': [],
  'checkpoints:read': [],
};
