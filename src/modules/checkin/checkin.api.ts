import type { ModulePlugin } from '../../context.ts';
import type { IdentityValues } from '../../db/schema.counter.ts';
import { actingOf } from '../configuration/offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY } from '../configuration/offices.schemas.ts';
import { formatInZone } from '../schedule/timezone.ts';
import { parseCheckIn } from './checkin.input.ts';
import {
  CheckedInSchema,
  CheckInBodySchema,
  CheckInErrorSchema,
  CorrectedSchema,
  CorrectionBodySchema,
  ReferenceParamsSchema,
} from './checkin.schemas.ts';
import { type CheckedIn, checkIn } from './checkin.usecases.ts';
import { correctIdentity, parseCorrection } from './identity-correction.usecases.ts';

const ERRORS = { ...ADMIN_ERRORS, 403: CheckInErrorSchema, 409: CheckInErrorSchema, 503: CheckInErrorSchema };

/** The check-in and the identity correction of the admin API (PRODUCT §7.1; ADMIN_API). */
export const checkInApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config };

  app.post(
    '/check-in',
    {
      schema: {
        tags: ['admin: counter'],
        summary:
          'Check a person in from the convocation’s QR text or its reference (permission booking.check_in): confirmed → waiting, once; the signed identity beside the booking’s',
        security: ADMIN_SECURITY,
        body: CheckInBodySchema,
        response: { 200: CheckedInSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const checkedIn = await checkIn(deps, actingOf(request, ctx), parseCheckIn(request.body));
      return reply.header('cache-control', 'no-store').send(presentCheckIn(checkedIn));
    },
  );

  app.post(
    '/bookings/:reference/identity',
    {
      schema: {
        tags: ['admin: counter'],
        summary:
          'Correct a booking’s identity with a reason (permission booking.correct_identity): audited with before and after',
        security: ADMIN_SECURITY,
        params: ReferenceParamsSchema,
        body: CorrectionBodySchema,
        response: { 200: CorrectedSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const correction = parseCorrection(request.body);
      const corrected = await correctIdentity(deps, actingOf(request, ctx), {
        reference: request.params.reference,
        correction,
      });
      return reply.header('cache-control', 'no-store').send({
        ...corrected,
        identity: presentIdentity(corrected.identity),
      });
    },
  );
};

/** An identity's JSON: the foreigner number only when the booking has one. */
function presentIdentity(identity: IdentityValues) {
  const { foreignerNumber, ...names } = identity;
  return { ...names, ...(foreignerNumber ? { foreignerNumber } : {}) };
}

/** The check-in's JSON. */
function presentCheckIn(c: CheckedIn) {
  return {
    reference: c.reference,
    status: c.status,
    identity: presentIdentity(c.identity),
    ...(c.signedIdentity ? { signedIdentity: c.signedIdentity } : {}),
    appointment: {
      start: formatInZone(c.appointment.start, c.appointment.timezone),
      siteId: c.appointment.siteId,
      procedure: c.appointment.procedureTitle,
    },
    checkedInAt: c.checkedInAt?.toISOString() ?? null,
  };
}
