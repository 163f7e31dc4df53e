import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { IdentityValues } from '../../db/schema.counter.ts';
import { covers } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import type { BookingStatus } from '../booking/statuses.ts';
import { type Acting, coverageFor, siteTarget } from '../configuration/offices.access.ts';
import { type ConvocationClaims, verifyConvocation } from '../convocation/qr-token.ts';
import { insertLoopEvent } from '../queue/queue.repository.ts';
import { localDate } from '../schedule/timezone.ts';
import { checkInErrors } from './checkin.errors.ts';
import { type CheckInInput, tokenOfScan } from './checkin.input.ts';
import {
  findBookingAtReception,
  findSite,
  markCheckedIn,
  placeOf,
  type ReceptionBooking,
} from './checkin.repository.ts';

// The check-in at the reception (issue 10 point 2; decision 0042): the convocation's signed code, or
// its reference, turns a confirmed booking of today into a waiting one, once; every refusal says why.

/** What the check-in needs. */
export interface CheckInDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'secretKey'>;
}

/** The identity the convocation's code signed, to compare with the booking's and the document's. */
export type SignedIdentity = Pick<ConvocationClaims, 'lastName' | 'firstName' | 'birthDate'>;

/** A check-in's answer: the booking now, its identity as stored, and the signed one for a code. */
export interface CheckedIn {
  reference: string;
  status: BookingStatus;
  identity: IdentityValues;
  signedIdentity?: SignedIdentity;
  appointment: {
    start: Date;
    siteId: number;
    departmentCode: string;
    siteName: string;
    procedureTitle: string;
    timezone: string;
  };
  checkedInAt: Date | null;
  /** True when this call checked the person in; false for a second scan. */
  checkedInNow: boolean;
}

/** Statuses of a person already in the day's loop: a second scan answers them as they are. */
const IN_THE_LOOP: readonly BookingStatus[] = ['waiting', 'called', 'served', 'missed'];

/**
 * Checks a person in: the code's signature, then the agent's scope (a code of another office 403, a
 * typed reference outside the scope 404), then the booking's status and day; then confirmed → waiting,
 * its counter event and audit entry. One transaction with the booking row locked, so a second scan at
 * the same moment waits for the first and changes nothing.
 */
export async function checkIn(deps: CheckInDeps, acting: Acting, input: CheckInInput): Promise<CheckedIn> {
  const coverage = coverageFor(acting.principal, 'booking.check_in');
  let claims: ConvocationClaims | undefined;
  let reference: string;
  if ('qr' in input) {
    const verified = verifyConvocation(tokenOfScan(input.qr), deps.config.secretKey);
    if (!verified.ok) throw checkInErrors.invalidQr();
    claims = verified.claims;
    const site = await findSite(deps.db, claims.siteId);
    if (!site || !covers(coverage, siteTarget(site))) throw checkInErrors.otherOffice();
    reference = claims.reference;
  } else {
    reference = input.reference;
  }
  return deps.db.transaction().execute(async (trx) => {
    const booking = await findBookingAtReception(trx, reference, true);
    if (booking && claims && isOutdated(booking, claims)) throw checkInErrors.outdated();
    if (!booking || !covers(coverage, placeOf(booking))) throw checkInErrors.notFound();
    const now = deps.clock.now();
    ensureCheckable(booking, now);
    if (IN_THE_LOOP.includes(booking.status)) return present(booking, claims, false);
    const via = claims ? 'qr' : 'reference';
    return present(await checkInConfirmed(trx, acting, booking, via, now), claims, true);
  });
}

/** The code was signed for another time or office than the booking's now: it was moved since. */
function isOutdated(booking: ReceptionBooking, claims: ConvocationClaims): boolean {
  return (
    booking.startsAt.getTime() !== new Date(claims.startsAt).getTime() || booking.siteId !== claims.siteId
  );
}

/** The status and day rules, in the order the reception needs them (decision 0042). */
function ensureCheckable(booking: ReceptionBooking, now: Date): void {
  switch (booking.status) {
    case 'revoked':
      throw checkInErrors.revoked();
    case 'cancelled':
    case 'expired':
      throw checkInErrors.cancelled();
    case 'pending':
      throw checkInErrors.notConfirmed();
    case 'attended':
    case 'no_show':
      throw checkInErrors.alreadyDone();
    default:
      break;
  }
  if (IN_THE_LOOP.includes(booking.status)) return;
  const day = localDate(booking.startsAt, booking.timezone);
  if (day !== localDate(now, booking.timezone)) {
    throw checkInErrors.wrongDay(booking.startsAt, booking.timezone, day);
  }
}

/** confirmed → waiting with its event and audit entry, on the booking locked. */
async function checkInConfirmed(
  trx: Executor,
  acting: Acting,
  booking: ReceptionBooking,
  via: 'qr' | 'reference',
  now: Date,
): Promise<ReceptionBooking> {
  await markCheckedIn(trx, booking.id, now);
  await insertLoopEvent(trx, {
    bookingId: booking.id,
    siteId: booking.siteId,
    at: now,
    agentId: acting.actor.agentId,
    action: 'check_in',
    fromStatus: 'confirmed',
    toStatus: 'waiting',
    counter: null,
  });
  await recordAudit(
    trx,
    acting.actor,
    {
      action: 'booking.check_in',
      target: { type: 'booking', id: booking.reference },
      place: { departmentCode: booking.departmentCode, siteId: booking.siteId },
      before: { status: 'confirmed' },
      after: { status: 'waiting', via },
    },
    now,
  );
  return { ...booking, status: 'waiting', checkedInAt: now };
}

function present(booking: ReceptionBooking, claims: ConvocationClaims | undefined, now: boolean): CheckedIn {
  return {
    reference: booking.reference,
    status: booking.status,
    identity: {
      lastName: booking.lastName,
      firstName: booking.firstName,
      birthDate: booking.birthDate,
      foreignerNumber: booking.foreignerNumber,
    },
    ...(claims
      ? {
          signedIdentity: {
            lastName: claims.lastName,
            firstName: claims.firstName,
            birthDate: claims.birthDate,
          },
        }
      : {}),
    appointment: {
      start: booking.startsAt,
      siteId: booking.siteId,
      departmentCode: booking.departmentCode,
      siteName: booking.siteName,
      procedureTitle: booking.procedureTitle,
      timezone: booking.timezone,
    },
    checkedInAt: booking.checkedInAt,
    checkedInNow: now,
  };
}
