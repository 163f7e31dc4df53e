import { createHmac, hkdfSync } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

// The network a booking or a request came from, as the suspicious-bookings review compares it (issue
// 10 point 7; decision 0043): a keyed hash of the client's subscriber range — an IPv4 address whole,
// an IPv6 address's /64 — so that the database holds no address, and rows from one range group
// together without anyone learning which range it is. The address is never stored nor logged.

/** Bytes in a stored network key (HMAC-SHA256). */
export const NETWORK_KEY_BYTES = 32;

// Ranges that are no subscriber's public address: seeing one means the server sees its own proxy or
// its own network (TRUST_PROXY missing), and keying it would put every applicant in one group.
const LOCAL_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (a carrier's or a cloud's inside)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local
  ['172.16.0.0', 12], // private
  ['192.168.0.0', 16], // private
];

/** The 16 bytes of a valid IPv6 address (zone removed), its trailing dotted quad included. */
function ipv6Bytes(address: string): Buffer {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':'));
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const all =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  all.forEach((word, i) => {
    bytes.writeUInt16BE(Number.parseInt(word, 16), i * 2);
  });
  return bytes;
}

function isLocalIpv4(bytes: Buffer): boolean {
  const value = bytes.readUInt32BE(0);
  return LOCAL_IPV4.some(([base, bits]) => {
    const mask = (0xffffffff << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === Buffer.from(base.split('.').map(Number)).readUInt32BE(0);
  });
}

function isLocalIpv6(bytes: Buffer): boolean {
  const first = bytes[0] ?? 0;
  const unspecifiedOrLoopback = bytes.subarray(0, 15).every((b) => b === 0) && (bytes[15] ?? 0) <= 1;
  // fc00::/7 (unique local), fe80::/10 (link-local).
  return (
    unspecifiedOrLoopback || (first & 0xfe) === 0xfc || (first === 0xfe && ((bytes[1] ?? 0) & 0xc0) === 0x80)
  );
}

/**
 * What of a client address names one subscriber, tagged with its family: `4` and the four bytes of an
 * IPv4 address (an IPv4-mapped IPv6 address counts as its IPv4 address), or `6` and the first eight
 * bytes of an IPv6 address. Undefined for what is no public address (not an address, loopback,
 * private, link-local, unique local).
 */
export function subscriberRange(address: string): Buffer | undefined {
  const bare = (
    address
      .trim()
      .replace(/^\[(.*)\]$/, '$1')
      .split('%')[0] ?? ''
  ).trim();
  let ipv4: Buffer | undefined;
  if (isIPv4(bare)) ipv4 = Buffer.from(bare.split('.').map(Number));
  else if (isIPv6(bare)) {
    const bytes = ipv6Bytes(bare);
    const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes.readUInt16BE(10) === 0xffff;
    if (mapped) ipv4 = bytes.subarray(12);
    else return isLocalIpv6(bytes) ? undefined : Buffer.concat([Buffer.from([6]), bytes.subarray(0, 8)]);
  } else return undefined;
  return isLocalIpv4(ipv4) ? undefined : Buffer.concat([Buffer.from([4]), ipv4]);
}

// Deriving is cheap but not free, and a server keys with one secret for its whole life.
const keys = new Map<string, Buffer>();

/** The HMAC key of network keys, derived from SECRET_KEY for this purpose alone. */
function networkHmacKey(secretKey: string): Buffer {
  let key = keys.get(secretKey);
  if (key === undefined) {
    key = Buffer.from(hkdfSync('sha256', secretKey, 'creneau/network', 'network address key v1', 32));
    keys.set(secretKey, key);
  }
  return key;
}

/**
 * The stored network key of a client address (`request.ip`): HMAC-SHA256 of its subscriber range
 * under a key derived from SECRET_KEY, 32 bytes; null when the address names no public network.
 */
export function networkKey(secretKey: string, address: string | undefined): Buffer | null {
  const range = address === undefined ? undefined : subscriberRange(address);
  if (range === undefined) return null;
  return createHmac('sha256', networkHmacKey(secretKey)).update(range).digest();
}
