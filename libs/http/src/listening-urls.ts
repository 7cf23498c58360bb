import { networkInterfaces } from 'node:os';

/**
 * Where a person can reach the service, for the line logged at start: the host it was given, or
 * for a wildcard (0.0.0.0, ::) localhost first and then this machine's other IPv4 addresses.
 */
export function listeningUrls(host: string, port: number, interfaces = networkInterfaces()): string[] {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  if (!wildcard) return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const lan = Object.values(interfaces)
    .flatMap((addresses) => addresses ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a.address}:${port}`);
  return [`http://localhost:${port}`, ...lan];
}

/** The sentence logged once the service listens. */
export function listeningMessage(host: string, port: number, interfaces = networkInterfaces()): string {
  const [first, ...others] = listeningUrls(host, port, interfaces);
  return `The ledger listens on ${first}${others.length ? ` (also ${others.join(', ')})` : ''}; the API reference is at ${first}/docs`;
}
