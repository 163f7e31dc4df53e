import type { ModulePlugin } from '../../context.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { actingOf } from '../configuration/offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY, IdParamsSchema } from '../configuration/offices.schemas.ts';
import { networkKey } from '../protection/network-key.ts';
import { priorityChoices, rebookWithPass } from './priority-pass.usecases.ts';
import {
  BookingRevokedSchema,
  PeriodClosedSchema,
  PriorityBookedSchema,
  PriorityBookingBodySchema,
  PriorityChoicesSchema,
  PriorityQuerySchema,
  ReferenceParamsSchema,
  RevokeBookingBodySchema,
  RevokePeriodBodySchema,
} from './revocation.schemas.ts';
import { revokeBooking, revokePeriod } from './revocation.usecases.ts';

const ERRORS = { ...ADMIN_ERRORS, 409: ErrorSchema, 503: ErrorSchema };

/** The revocations of the admin API (PRODUCT §7.1; ADMIN_API): one booking, or a site over a period. */
export const revocationsAdminApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  app.post(
    '/bookings/:reference/revoke',
    {
      schema: {
        tags: ['admin: revocations'],
        summary:
          'Revoke one booking with a reason (permission booking.revoke on its office); the person is notified once',
        security: ADMIN_SECURITY,
        params: ReferenceParamsSchema,
        body: RevokeBookingBodySchema,
        response: { 200: BookingRevokedSchema, ...ERRORS },
      },
    },
    async (request) =>
      revokeBooking(deps, actingOf(request, ctx), {
        reference: request.params.reference,
        body: request.body,
      }),
  );

  app.post(
    '/sites/:id/revocations',
    {
      schema: {
        tags: ['admin: revocations'],
        summary:
          'Revoke every active booking of a site over a period and close it (permission booking.revoke on the site); each person notified once',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        body: RevokePeriodBodySchema,
        response: { 200: PeriodClosedSchema, ...ERRORS },
      },
    },
    async (request) =>
      revokePeriod(deps, actingOf(request, ctx), { siteId: request.params.id, body: request.body }),
  );
};

/** Booking again with the priority of a revoked appointment: the link of the notice (public API). */
export const priorityBookingPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
  const errors = { 404: ErrorSchema, 409: ErrorSchema, 410: ErrorSchema, 422: ErrorSchema, 503: ErrorSchema };

  app.get(
    '/api/v1/bookings/priority',
    {
      schema: {
        tags: ['bookings'],
        summary: 'The slots a revoked person may book before others, until the pass expires',
        querystring: PriorityQuerySchema,
        response: { 200: PriorityChoicesSchema, ...errors },
      },
    },
    async (request, reply) => {
      const choices = await priorityChoices(deps, request.query.token);
      reply.header('cache-control', 'no-store');
      return { expiresAt: choices.expiresAt.toISOString(), slots: choices.slots };
    },
  );

  app.post(
    '/api/v1/bookings/priority',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Book again with the priority of a revoked appointment: confirmed at once',
        body: PriorityBookingBodySchema,
        response: { 201: PriorityBookedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const booked = await rebookWithPass(deps, {
        ...request.body,
        networkKey: networkKey(ctx.config.secretKey, request.ip),
      });
      return reply.status(201).send({ reference: booked.reference, status: booked.status });
    },
  );
};
