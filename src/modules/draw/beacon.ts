// A public randomness beacon in drand's HTTP format (https://drand.love/docs/http-api-reference/):
// `GET {base}/info` gives the chain's `period` (seconds) and `genesis_time` (Unix seconds); round r is
// published at genesis_time + (r - 1) × period; `GET {base}/public/{r}` gives its `randomness` (hex)
// once published. A draw pins, at its creation, the first round published after its window closes,
// so nobody — the operator who knows the seed included — knows the key while requests can be made.

/** What the draws need of a beacon. */
export interface Beacon {
  /** The first round published strictly after `instant`. */
  roundAfter(instant: Date): Promise<number>;
  /** A round's randomness as lowercase hex, or null while it is not published yet. */
  randomness(round: number): Promise<string | null>;
}

/** The beacon could not be read (down, malformed answer): a draw waiting for it waits longer. */
export class BeaconUnavailableError extends Error {}

interface ChainInfo {
  period: number;
  genesisTime: number;
}

/** The beacon at `baseUrl` (DRAW_BEACON_URL), or none. */
export function beaconAt(baseUrl: string | undefined, timeoutMs = 5_000): Beacon | undefined {
  if (!baseUrl) return undefined;
  const base = baseUrl.replace(/\/+$/, '');
  let info: ChainInfo | undefined;
  const chainInfo = async (): Promise<ChainInfo> => {
    if (info) return info;
    const body = (await getJson(`${base}/info`, timeoutMs)) as { period?: unknown; genesis_time?: unknown };
    const { period, genesis_time: genesisTime } = body ?? {};
    if (!isPositiveInteger(period) || !isPositiveInteger(genesisTime))
      throw new BeaconUnavailableError('the beacon’s /info has no whole period and genesis_time');
    info = { period, genesisTime };
    return info;
  };
  return {
    roundAfter: async (instant) => {
      const { period, genesisTime } = await chainInfo();
      const seconds = Math.floor(instant.getTime() / 1000);
      if (seconds < genesisTime) return 1;
      return Math.floor((seconds - genesisTime) / period) + 2;
    },
    randomness: async (round) => {
      const response = await fetchWithin(`${base}/public/${round}`, timeoutMs);
      // drand answers 404 (or 425 Too Early on some relays) for a round still to come.
      if (response.status === 404 || response.status === 425) return null;
      if (!response.ok) throw new BeaconUnavailableError(`the beacon answered ${response.status}`);
      const body = (await response.json().catch(() => null)) as {
        round?: unknown;
        randomness?: unknown;
      } | null;
      if (
        body?.round !== round ||
        typeof body.randomness !== 'string' ||
        !/^([0-9a-f]{2})+$/.test(body.randomness)
      )
        throw new BeaconUnavailableError(`the beacon’s round ${round} has no hex randomness`);
      return body.randomness;
    },
  };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  const response = await fetchWithin(url, timeoutMs);
  if (!response.ok) throw new BeaconUnavailableError(`the beacon answered ${response.status}`);
  return response.json().catch(() => {
    throw new BeaconUnavailableError('the beacon’s answer is not JSON');
  });
}

async function fetchWithin(url: string, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    throw new BeaconUnavailableError(`the beacon cannot be reached (${(error as Error).name})`);
  }
}
