// The parsers the settings are declared with (config.ts), each reporting a mistake as one short clause.

export type Env = Record<string, string | undefined>;
export type Parsed<T> = { value: T } | { error: string };

/** One setting: its environment variable, a one-line doc and how its value is parsed. */
export interface Setting<K, V> {
  key: K;
  env: string;
  doc: string;
  parse: (raw: string | undefined, env: Env) => Parsed<V>;
}

/** The settings of a group of options, one per key. */
export type Settings<C> = { [K in keyof C]: Setting<K, C[K]> };

export const ok = <T>(value: T): Parsed<T> => ({ value });

/** A whole number from `min` to `max`; `fallback` when unset. */
export function integer(min: number, max: number, fallback: number) {
  return (raw: string | undefined): Parsed<number> => {
    if (raw === undefined || raw === '') return ok(fallback);
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      return { error: `must be a whole number from ${min} to ${max}, got "${raw}"` };
    }
    return ok(Number(raw));
  };
}

/** "on" or "off"; `fallback` when unset. */
export function onOff(fallback: boolean) {
  return (raw: string | undefined): Parsed<boolean> => {
    if (raw === undefined || raw === '') return ok(fallback);
    if (raw === 'on') return ok(true);
    if (raw === 'off') return ok(false);
    return { error: `must be "on" or "off", got "${raw}"` };
  };
}

/** A URL with one of `protocols`; undefined when unset. */
export function url(protocols: string[]) {
  return (raw: string | undefined): Parsed<string | undefined> => {
    if (raw === undefined || raw === '') return ok(undefined);
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        return { error: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}` };
      }
      return ok(raw);
    } catch {
      // The value may hold a password: never echo it.
      return { error: 'is not a valid URL' };
    }
  };
}

/** Whether NODE_ENV asks for the production checks. */
export const isProduction = (env: Env) => env.NODE_ENV === 'production';
