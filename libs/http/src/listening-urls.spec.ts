import type { NetworkInterfaceInfo } from 'node:os';
import { listeningMessage, listeningUrls } from './listening-urls';

const nic = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4') =>
  ({ address, internal, family }) as NetworkInterfaceInfo;
const interfaces = {
  lo: [nic('127.0.0.1', true)],
  eth0: [nic('192.168.1.20'), nic('fe80::1', false, 'IPv6')],
};

describe('the URL logged at start', () => {
  it('names localhost then the LAN addresses for a wildcard host', () => {
    expect(listeningUrls('0.0.0.0', 3000, interfaces)).toEqual([
      'http://localhost:3000',
      'http://192.168.1.20:3000',
    ]);
    expect(listeningUrls('::', 8080, interfaces)).toEqual([
      'http://localhost:8080',
      'http://192.168.1.20:8080',
    ]);
  });

  it('names the host itself otherwise, bracketing IPv6', () => {
    expect(listeningUrls('127.0.0.1', 3000, interfaces)).toEqual(['http://127.0.0.1:3000']);
    expect(listeningUrls('::1', 3000, interfaces)).toEqual(['http://[::1]:3000']);
  });

  it('says where the docs are', () => {
    expect(listeningMessage('0.0.0.0', 3000, interfaces)).toBe(
      'The ledger listens on http://localhost:3000 (also http://192.168.1.20:3000); the API reference is at http://localhost:3000/docs',
    );
    expect(listeningMessage('127.0.0.1', 3001, {})).toBe(
      'The ledger listens on http://127.0.0.1:3001; the API reference is at http://127.0.0.1:3001/docs',
    );
  });
});
