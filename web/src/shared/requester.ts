/** Whether the signed-in person only raises and follows their own tickets (no staff role). */
export function isRequesterOnly(roles: readonly string[]): boolean {
  return roles.length > 0 && roles.every((r) => r === 'requester');
}
