import { isIP } from 'node:net';
import { isProduction, ok, onOff, type Parsed, type Settings } from './parsers.ts';

/** The secret key, the proof-of-work, the write budget and the proxies believed. */
export interface ProtectionConfig {
  secretKey: string;
  captcha: boolean;
  rateLimit: boolean;
  /** Addresses and CIDR ranges of the proxies whose X-Forwarded-For is believed; empty: none. */
  trustProxy: string[];
}

export const protectionSettings: Settings<ProtectionConfig> = {
  secretKey: {
    key: 'secretKey',
    env: 'SECRET_KEY',
    doc: 'Key signing challenges and convocations and sealing queued link tokens; generated under DATA_DIR outside production.',
    parse: (raw, env) => {
      if (raw) return raw.length >= 32 ? ok(raw) : { error: 'must be at least 32 characters long' };
      if (isProduction(env)) return { error: 'is required in production' };
      return ok(''); // filled from DATA_DIR by loadConfig
    },
  },
  captcha: {
    key: 'captcha',
    env: 'CAPTCHA',
    doc: 'Proof-of-work check on bookings ("on" or "off"; "off" refused in production).',
    parse: (raw, env) => {
      const parsed = onOff(true)(raw);
      if ('value' in parsed && !parsed.value && isProduction(env))
        return { error: 'cannot be "off" in production' };
      return parsed;
    },
  },
  rateLimit: {
    key: 'rateLimit',
    env: 'RATE_LIMIT',
    doc: 'One budget of writes per client address ("on" or "off"; "off" refused in production).',
    parse: (raw, env) => {
      const parsed = onOff(true)(raw);
      if ('value' in parsed && !parsed.value && isProduction(env))
        return { error: 'cannot be "off" in production' };
      return parsed;
    },
  },
  trustProxy: {
    key: 'trustProxy',
    env: 'TRUST_PROXY',
    doc: 'Proxies (IP addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed; none by default.',
    parse: addressList,
  },
};

/** One IP address or CIDR range (`10.0.0.0/8`, `2001:db8::/32`), or why not. */
function addressOrRange(entry: string): string | undefined {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return `"${entry}" is not an IP address or CIDR range`;
  const bits = family === 4 ? 32 : 128;
  if (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits)) {
    return `"${entry}" has a prefix length that is not a whole number from 0 to ${bits}`;
  }
  return undefined;
}

function addressList(raw: string | undefined): Parsed<string[]> {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const problems = entries.map(addressOrRange).filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    return { error: `must list IP addresses or CIDR ranges separated by commas: ${problems.join('; ')}` };
  }
  return ok(entries);
}
