/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
export function safeReturnTo(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/sign-in')) return '/';
  return value;
}
