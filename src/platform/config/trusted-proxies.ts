import { isIP } from 'node:net';

/** The names proxy-addr (Fastify's trustProxy) understands for whole ranges. */
const namedRanges = ['loopback', 'linklocal', 'uniquelocal'];

/** Whether an entry of CERTUS_TRUSTED_PROXIES is an address, a CIDR range or a named range. */
export function isProxyAddress(entry: string): boolean {
  if (namedRanges.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
