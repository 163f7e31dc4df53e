import { hash, verify } from '@node-rs/argon2';

// Argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 30 ms on this
// project's reference machine, measured by the closing note of issue 8. @node-rs/argon2 ships
// prebuilt binaries: no install script (decision 0020).

/** Argon2id, as @node-rs/argon2's `Algorithm.Argon2id` (a const enum, which type stripping cannot read). */
const ARGON2ID = 2;

export const ARGON2_PARAMETERS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** The PHC string of a password (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMETERS);
}

/** Whether a password matches its PHC string; false (never a throw) for a malformed one. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

// A hash of nothing anyone knows: verifying against it when the account does not exist takes the time
// a real check takes, so that the answer's delay does not tell whether an email is an agent's.
let decoy: Promise<string> | undefined;

/** Spends the time of one verification, for an unknown account or one without a password. */
export async function verifyNothing(password: string): Promise<false> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  await verifyPassword(await decoy, password);
  return false;
}
