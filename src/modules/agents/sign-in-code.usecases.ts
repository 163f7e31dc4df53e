import QRCode from 'qrcode';
import { recordAudit } from '../audit/audit.ts';
import { AFTER_SIGN_IN_PATH } from './auth.ts';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes.ts';
import { endSession, openSession, touchSession } from './sessions.ts';
import {
  type Answer,
  claimSignInAttempt,
  forgetFailures,
  recordFailure,
  type SignInDeps,
  signInActor,
  type Throttled,
  throttledOf,
  throttleKeys,
} from './sign-in.flow.ts';
import {
  acceptStep,
  findSecondFactor,
  replaceRecoveryCodes,
  type SecondFactor,
  setTotpSecretIfMissing,
  useRecoveryCode,
} from './sign-in.repository.ts';
import { signInPageWith } from './sign-in.usecases.ts';
import { acceptedStep, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from './totp.ts';

// The second step: only a 'password'-stage session reaches it. An agent not yet enrolled scans the
// secret, proves it with a first code and gets ten recovery codes, shown once; an enrolled agent types
// the code of the moment, or a recovery code. A code is accepted once, a recovery code used once, and
// every wrong, replayed or stale one counts as a failure of the account and of the address.

/** Why a code was refused. */
export type CodeRefusal = { code: 'missing' } | { code: 'wrong' } | Throttled;

/** The code page: enrolment (the secret as a QR code and as text) or the code of an enrolled agent. */
export type CodePage =
  | { kind: 'enrol'; account: string; secret: string; qrCode: string; refused?: CodeRefusal }
  | { kind: 'code'; recovery: boolean; refused?: CodeRefusal };

/** After enrolment: the recovery codes, shown this once; the session is complete already. */
export interface RecoveryCodesPage {
  kind: 'recovery_codes';
  codes: string[];
}

const EXPIRED = { redirect: signInPageWith('expired') };

/** The agent of a 'password'-stage session, with their secret (one is made if they have none). */
interface Pending {
  cookie: string;
  agent: SecondFactor;
  secret: string;
}

async function pendingSignIn(deps: SignInDeps, cookie: string | undefined): Promise<Pending | undefined> {
  const now = deps.clock.now();
  const session = cookie ? await touchSession(deps.db, cookie, now, deps.config) : undefined;
  if (!cookie || session?.stage !== 'password') return undefined;
  let agent = await findSecondFactor(deps.db, session.agentId);
  if (agent && !agent.sealedSecret && !agent.enrolledAt) {
    await setTotpSecretIfMissing(deps.db, agent.id, sealTotpSecret(deps.config.secretKey, newTotpSecret()));
    agent = await findSecondFactor(deps.db, session.agentId);
  }
  if (!agent?.sealedSecret) return undefined;
  return { cookie, agent, secret: openTotpSecret(deps.config.secretKey, agent.sealedSecret) };
}

async function pageOf(pending: Pending, recovery: boolean, refused?: CodeRefusal): Promise<CodePage> {
  const extra = refused ? { refused } : {};
  if (pending.agent.enrolledAt) return { kind: 'code', recovery, ...extra };
  const uri = totpUri(pending.secret, pending.agent.email);
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const qrCode = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return { kind: 'enrol', account: pending.agent.email, secret: pending.secret, qrCode, ...extra };
}

/** The code page of a half-done sign-in (`recovery`: the recovery code's form), or back to the start. */
export async function codePage(
  deps: SignInDeps,
  input: { cookie: string | undefined; recovery: boolean },
): Promise<CodePage | { redirect: string }> {
  const pending = await pendingSignIn(deps, input.cookie);
  return pending ? pageOf(pending, input.recovery) : EXPIRED;
}

/** The code step's form: a code of the authenticator, or (`recoveryCode`) one of the recovery codes. */
export async function submitCode(
  deps: SignInDeps,
  input: { cookie: string | undefined; code: string; recoveryCode: string; address: string },
): Promise<Answer<CodePage | RecoveryCodesPage>> {
  const pending = await pendingSignIn(deps, input.cookie);
  if (!pending) return { page: EXPIRED, session: { clear: true } };
  const recovery = input.code === '' && input.recoveryCode !== '';
  const code = input.code.replace(/\s/g, '');
  if (code === '' && !recovery) return { page: await pageOf(pending, false, { code: 'missing' }) };
  const actor = signInActor(deps.config, pending.agent.id, input.address);
  const keys = throttleKeys(deps.config, { agentId: pending.agent.id }, input.address);
  const claim = await claimSignInAttempt(deps, { keys, actor, step: 'code' });
  if (!claim.allowed) return { page: await pageOf(pending, recovery, throttledOf(claim, deps.clock.now())) };
  const done = recovery
    ? await complete(deps, pending, keys, actor, { factor: 'recovery_code', code: input.recoveryCode })
    : await complete(deps, pending, keys, actor, { factor: 'totp', code });
  if (done) return done;
  const reason = recovery ? 'recovery_code' : 'code';
  await recordFailure(deps.db, actor, { step: 'code', reason }, deps.clock.now());
  return { page: await pageOf(pending, recovery, { code: 'wrong' }) };
}

class LostRace extends Error {}

type Proof = { factor: 'totp' | 'recovery_code'; code: string };

/**
 * Uses the proof and completes the sign-in in one transaction: the code's step recorded (with the
 * enrolment and new recovery codes for a first code) or the recovery code spent, the half-done session
 * ended — once: two requests racing with two good codes cannot both complete it — and a complete
 * session opened. Undefined when the proof is not good (wrong, replayed, stale or spent).
 */
async function complete(
  deps: SignInDeps,
  pending: Pending,
  keys: ReturnType<typeof throttleKeys>,
  actor: ReturnType<typeof signInActor>,
  proof: Proof,
): Promise<Answer<RecoveryCodesPage> | undefined> {
  const now = deps.clock.now();
  const { agent } = pending;
  const enrol = agent.enrolledAt === null;
  if (enrol && proof.factor !== 'totp') return undefined;
  const step =
    proof.factor === 'totp' ? acceptedStep(pending.secret, proof.code, now, agent.lastStep) : undefined;
  if (proof.factor === 'totp' && step === undefined) return undefined;
  if (proof.factor === 'recovery_code' && normalizeRecoveryCode(proof.code) === '') return undefined;
  const codes = enrol ? newRecoveryCodes() : [];
  const value = await deps.db
    .transaction()
    .execute(async (trx) => {
      const used =
        step !== undefined
          ? await acceptStep(trx, { agentId: agent.id, step, enrol, now })
          : await useRecoveryCode(trx, { agentId: agent.id, hash: hashRecoveryCode(proof.code), now });
      if (!used) return undefined;
      // Another request completed this half-done session first: undo the proof's use.
      if (!(await endSession(trx, pending.cookie, now))) throw new LostRace();
      if (enrol) {
        await replaceRecoveryCodes(trx, agent.id, codes.map(hashRecoveryCode));
        await recordAudit(
          trx,
          actor,
          { action: 'agent.totp_enrol', target: { type: 'agent', id: agent.id } },
          now,
        );
      }
      await forgetFailures(trx, keys);
      await recordAudit(
        trx,
        actor,
        {
          action: 'agent.sign_in',
          target: { type: 'agent', id: agent.id },
          after: { method: 'password', factor: proof.factor },
        },
        now,
      );
      return openSession(trx, {
        agentId: agent.id,
        stage: 'complete',
        method: 'password',
        now,
        config: deps.config,
      });
    })
    .catch((error: unknown) => {
      if (error instanceof LostRace) return undefined;
      throw error;
    });
  if (value === undefined) return undefined;
  const page = enrol ? { kind: 'recovery_codes' as const, codes } : { redirect: AFTER_SIGN_IN_PATH };
  return { page, session: { set: value } };
}
