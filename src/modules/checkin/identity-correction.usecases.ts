import type { IdentityValues } from '../../db/schema.counter.ts';
import { type FieldError, invalid } from '../../errors.ts';
import { covers } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { type IdentityInput, identityKey, validateIdentityFields } from '../booking/applicant.ts';
import { constraintOf } from '../booking/booking.usecases.ts';
import { isActiveStatus } from '../booking/statuses.ts';
import { normaliseReference } from '../booking/tokens.ts';
import { type Acting, coverageFor } from '../configuration/offices.access.ts';
import { localDate } from '../schedule/timezone.ts';
import { checkInErrors, correctionErrors } from './checkin.errors.ts';
import { correctBookingIdentity, findBookingAtReception, placeOf } from './checkin.repository.ts';
import type { CheckInDeps } from './checkin.usecases.ts';

// The identity correction (issue 10 point 2; decision 0042): a misspelt name, a wrong birth date or
// foreigner number, corrected by an agent with a reason, recorded before and after; the database
// refuses any other change of an identity (migration 0027).

const REASON_MIN = 3;
const REASON_MAX = 500;
const FIELDS = ['lastName', 'firstName', 'birthDate', 'foreignerNumber'] as const;

/** A correction's answer: the identity now and the fields this call changed (none on a retry). */
export interface CorrectedIdentity {
  reference: string;
  identity: IdentityValues;
  corrected: (keyof IdentityValues)[];
}

/** What a correction asks: the fields to change (any of the four) and why. */
export interface CorrectionInput {
  fields: IdentityInput;
  reason: string;
}

/** The body of a correction, from JSON or a form: at least one field, and a reason of 3–500 characters. */
export function parseCorrection(body: Record<string, unknown>): CorrectionInput {
  const errors: FieldError[] = [];
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (reason.length < REASON_MIN) {
    errors.push({ field: 'reason', code: 'required', message: 'Indiquez le motif de la correction.' });
  } else if (reason.length > REASON_MAX) {
    const message = `Le motif tient en ${REASON_MAX} caractères au plus.`;
    errors.push({ field: 'reason', code: 'too_long', message, params: { maxLength: REASON_MAX } });
  }
  const fields: IdentityInput = {};
  for (const name of FIELDS) {
    const value = body[name];
    if (typeof value === 'string') fields[name] = value;
  }
  if (Object.keys(fields).length === 0) {
    errors.push({
      field: 'identity',
      code: 'required',
      message: 'Indiquez au moins un champ à corriger : nom, prénom, date de naissance ou numéro étranger.',
    });
  }
  if (errors.length > 0) throw invalid(errors);
  return { fields, reason };
}

/**
 * Corrects a booking's identity (permission booking.correct_identity on its office; a reference
 * outside the scope reads as unknown): fields checked as the booking form checks them, the identity
 * key recomputed, the correction recorded and audited with before, after and reason, in one
 * transaction. 409 `identity_taken` when another active booking of the procedure holds the new identity.
 */
export async function correctIdentity(
  deps: CheckInDeps,
  acting: Acting,
  input: { reference: string; correction: CorrectionInput },
): Promise<CorrectedIdentity> {
  const coverage = coverageFor(acting.principal, 'booking.correct_identity');
  const reference = normaliseReference(input.reference);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const booking = await findBookingAtReception(trx, reference, true);
      if (!booking || !covers(coverage, placeOf(booking))) throw checkInErrors.notFound();
      const now = deps.clock.now();
      const checked = validateIdentityFields(
        input.correction.fields,
        { requiresForeignerNumber: booking.requiresForeignerNumber },
        localDate(now, booking.timezone),
      );
      if (!checked.ok) throw invalid(checked.fields);
      if (!isActiveStatus(booking.status)) throw correctionErrors.notCorrectable();
      const before: IdentityValues = {
        lastName: booking.lastName,
        firstName: booking.firstName,
        birthDate: booking.birthDate,
        foreignerNumber: booking.foreignerNumber,
      };
      const after: IdentityValues = { ...before, ...checked.fields };
      const corrected = FIELDS.filter((name) => after[name] !== before[name]);
      if (corrected.length === 0) return { reference, identity: before, corrected };
      const reason = input.correction.reason;
      const agentId = acting.actor.agentId;
      await correctBookingIdentity(trx, {
        bookingId: booking.id,
        at: now,
        agentId,
        reason,
        before,
        after,
        identityKey: identityKey(after),
      });
      await recordAudit(
        trx,
        acting.actor,
        {
          action: 'booking.correct_identity',
          target: { type: 'booking', id: booking.reference },
          place: { departmentCode: booking.departmentCode, siteId: booking.siteId },
          before,
          after: { ...after, reason },
          personal: true,
        },
        now,
      );
      return { reference, identity: after, corrected };
    });
  } catch (error) {
    if (constraintOf(error) === 'booking_one_active_per_identity') throw correctionErrors.identityTaken();
    throw error;
  }
}
