import { randomInt } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import { AppError, type FieldError, invalid } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import { recordAudit } from '../audit/audit.ts';
import { ALPHABET } from '../booking/tokens.ts';
import { type Acting, notFoundError, siteTarget } from '../configuration/offices.access.ts';
import { isUniqueViolation } from '../configuration/offices.fields.ts';
import type { Channel } from '../notify/events.ts';
import { notify } from '../notify/notify.ts';
import { messagesFor } from '../web/i18n.ts';
import { type CheckedLine, checkLines, type LineProblem, type SentLine } from './permits.input.ts';
import { permitMessages, problemText } from './permits.messages.ts';
import {
  findKnownHolders,
  findPermitSite,
  findReadyNumbers,
  insertPermit,
  type KnownHolder,
  type NewPermit,
  type PermitSite,
} from './permits.repository.ts';

// Marking permits ready (issue 10 point 6, seeds/003): all the lines of one import or none, in one
// transaction, each holder announced once by SMS and email (event permit.ready) in the same
// transaction — the permit exists if and only if its announcement does.

/** What the use cases of permit pick-up need. */
export interface PermitsDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'secretKey'>;
  wakeOutbox?: () => void;
}

/** A permit just made ready: its number and the reference its holder was sent. */
export interface ReadyPermit {
  id: string;
  foreignerNumber: string;
  reference: string;
}

const REFERENCE_LENGTH = 6;

/** A fresh random reference, such as "K7M3QX": 30 bits, short enough to type from an SMS. */
export function newReference(): string {
  return Array.from({ length: REFERENCE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** The French 422 of refused lines, one field error per problem (`lines[3].foreignerNumber`). */
export function linesRefused(problems: readonly LineProblem[]): AppError {
  const fr = messagesFor(permitMessages, 'fr');
  const fields: FieldError[] = [...problems]
    .sort((a, b) => a.line - b.line)
    .map((p) => ({
      field: `lines[${p.line}].${p.field}`,
      code: p.code,
      message: fr.lineError(p.line, problemText(fr, p.code, p.params)),
      params: { line: p.line, ...p.params },
    }));
  return invalid(fields);
}

/**
 * Marks the permits of these lines ready at a site: every line checked (its number, its contact, no
 * permit already waiting), then all written and announced, or none (422 listing every refused line).
 */
export async function markPermitsReady(
  deps: PermitsDeps,
  input: { siteId: number; lines: readonly SentLine[]; problems?: readonly LineProblem[] },
  acting: Acting,
): Promise<ReadyPermit[]> {
  const validId = Number.isSafeInteger(input.siteId) && input.siteId > 0 && input.siteId <= 2_147_483_647;
  const site = validId ? await findPermitSite(deps.db, input.siteId) : undefined;
  if (!site) throw notFoundError('site');
  ensureAllowed(acting.principal, 'permit.manage', siteTarget(site));
  const checked = checkLines(input.lines);
  const problems = [...(input.problems ?? []), ...checked.problems];
  try {
    const ready = await deps.db.transaction().execute(async (trx) => {
      const permits = await holdersOf(trx, site, checked.lines, problems);
      if (problems.length > 0) throw linesRefused(problems);
      return writePermits(trx, deps, site, permits, acting);
    });
    deps.wakeOutbox?.();
    return ready;
  } catch (error) {
    // Another agent's import of the same number, committed meanwhile.
    if (isUniqueViolation(error, 'permit_live')) {
      throw new AppError(
        409,
        'permit_already_ready',
        'Un de ces titres vient d’être marqué comme prêt : réessayez.',
      );
    }
    throw error;
  }
}

/** Each line's permit with its holder's contact: typed, else from their latest booking or request. */
async function holdersOf(
  trx: Executor,
  site: PermitSite,
  lines: readonly CheckedLine[],
  problems: LineProblem[],
): Promise<Omit<NewPermit, 'reference' | 'readyAt' | 'readyBy'>[]> {
  const numbers = lines.map((l) => l.foreignerNumber);
  const known = await findKnownHolders(trx, site.departmentCode, numbers);
  const waiting = await findReadyNumbers(trx, site.id, numbers);
  const permits = [];
  for (const line of lines) {
    const holder: Partial<KnownHolder> = known.get(line.foreignerNumber) ?? {};
    const phone = line.phone ?? holder.phone ?? null;
    const email = line.email ?? holder.email ?? null;
    if (waiting.has(line.foreignerNumber)) {
      problems.push({ line: line.line, field: 'foreignerNumber', code: 'already_ready' });
    } else if (!phone && !email) {
      problems.push({ line: line.line, field: 'foreignerNumber', code: 'no_contact' });
    }
    permits.push({
      siteId: site.id,
      foreignerNumber: line.foreignerNumber,
      lastName: line.lastName ?? holder.lastName ?? null,
      firstName: line.firstName ?? holder.firstName ?? null,
      phone,
      email,
      locale: holder.locale ?? 'fr',
    });
  }
  return permits;
}

async function writePermits(
  trx: Executor,
  deps: PermitsDeps,
  site: PermitSite,
  permits: readonly Omit<NewPermit, 'reference' | 'readyAt' | 'readyBy'>[],
  acting: Acting,
): Promise<ReadyPermit[]> {
  const now = deps.clock.now();
  const ready: ReadyPermit[] = [];
  for (const permit of permits) {
    const { id, reference } = await insertWithReference(trx, {
      ...permit,
      readyAt: now,
      readyBy: acting.actor.agentId,
    });
    const channels: Channel[] = [
      ...(permit.email ? ['email' as const] : []),
      ...(permit.phone ? ['sms' as const] : []),
    ];
    await notify(
      trx,
      { event: 'permit.ready', params: { permitId: id }, locale: permit.locale, channels },
      deps.config,
    );
    ready.push({ id, foreignerNumber: permit.foreignerNumber, reference });
  }
  await recordAudit(
    trx,
    acting.actor,
    {
      action: 'permit.mark_ready',
      target: { type: 'site', id: site.id },
      place: { departmentCode: site.departmentCode, siteId: site.id },
      after: { count: ready.length, foreignerNumbers: ready.map((p) => p.foreignerNumber) },
      personal: true,
    },
    now,
  );
  return ready;
}

/** Writes the permit with a fresh reference, drawing again in the rare case one is taken. */
async function insertWithReference(
  trx: Executor,
  permit: Omit<NewPermit, 'reference'>,
): Promise<{ id: string; reference: string }> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const reference = newReference();
    const id = await insertPermit(trx, { ...permit, reference });
    if (id) return { id, reference };
  }
  throw new Error('no free permit reference after 8 draws');
}
