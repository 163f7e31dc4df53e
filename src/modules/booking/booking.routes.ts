import type { FastifyRequest } from 'fastify';
import type { AppContext, ModuleApp, ModulePlugin } from '../../context.ts';
import type { Locale } from '../../db/schema.ts';
import { networkKey } from '../protection/network-key.ts';
import { bookingErrors } from './booking.errors.ts';
import {
  BookingCreatedSchema,
  BookingRequestSchema,
  BookingViewSchema,
  EarlierWishBodySchema,
  ErrorSchema,
  ReferenceParamsSchema,
  TokenBodySchema,
  TokenQuerySchema,
} from './booking.schemas.ts';
import { bookSlot, cancelBooking, confirmBooking, getBooking, presentBooking } from './booking.usecases.ts';
import { setEarlierWish } from './earlier-offers.usecases.ts';

const errors = {
  400: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  410: ErrorSchema,
  422: ErrorSchema,
};

/** The applicant's language for emails: English when the client prefers it, French otherwise. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = String(request.headers['accept-language'] ?? '').toLowerCase();
  const first = header.split(',')[0]?.trim() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('ar')) return 'ar';
  return 'fr';
}

/** POST /api/v1/bookings, confirm, consult, cancel and the earlier-slot list (PRODUCT §7). */
export function bookingRoutes(app: ModuleApp, ctx: AppContext): void {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  app.post(
    '/api/v1/bookings',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Hold a seat in a slot; an email asks to confirm it before the hold expires',
        body: BookingRequestSchema,
        response: { 201: BookingCreatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      if (!(await ctx.captcha.verify(request.body.captcha, 'booking'))) throw bookingErrors.captchaFailed();
      const booking = await bookSlot(deps, {
        slotId: request.body.slotId,
        applicant: request.body.applicant,
        locale: requestLocale(request),
        networkKey: networkKey(ctx.config.secretKey, request.ip),
      });
      return reply
        .status(201)
        .send({ ...booking, id: Number(booking.id), holdExpiresAt: booking.holdExpiresAt.toISOString() });
    },
  );

  app.post(
    '/api/v1/bookings/confirm',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Confirm a pending booking with the token of the emailed link',
        body: TokenBodySchema,
        response: {
          200: { type: 'object', properties: { reference: { type: 'string' }, status: { type: 'string' } } },
          ...errors,
        },
      },
    },
    async (request) => {
      const { reference, status } = await confirmBooking(deps, request.body.token);
      return { reference, status };
    },
  );

  app.get(
    '/api/v1/bookings/:reference',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Consult a booking with the token of a manage link',
        params: ReferenceParamsSchema,
        querystring: TokenQuerySchema,
        response: { 200: BookingViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const details = await getBooking(deps, request.query.token, request.params.reference);
      // The answer holds personal data: no shared cache may keep it.
      reply.header('cache-control', 'no-store');
      return presentBooking(details);
    },
  );

  app.post(
    '/api/v1/bookings/:reference/cancel',
    {
      schema: {
        tags: ['bookings'],
        summary:
          'Cancel a booking with the token of a manage link; a first-come seat returns to the public pool after a random cool-down',
        params: ReferenceParamsSchema,
        body: TokenBodySchema,
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } }, ...errors },
      },
    },
    async (request) => {
      const result = await cancelBooking(deps, {
        reference: request.params.reference,
        token: request.body.token,
      });
      return { status: result.status };
    },
  );

  app.post(
    '/api/v1/bookings/:reference/earlier-slot',
    {
      schema: {
        tags: ['bookings'],
        summary:
          'Join (wanted: true) or leave the list of confirmed appointments offered an earlier slot when one is freed',
        params: ReferenceParamsSchema,
        body: EarlierWishBodySchema,
        response: {
          200: { type: 'object', properties: { earlierSlot: { type: 'boolean' } } },
          ...errors,
        },
      },
    },
    async (request) => {
      const { wanted } = await setEarlierWish(deps, {
        token: request.body.token,
        reference: request.params.reference,
        wanted: request.body.wanted,
      });
      return { earlierSlot: wanted };
    },
  );
}

/** The booking module's routes: the bookings API (the pages are journey's and manage's). */
export const bookingPlugin: ModulePlugin = async (app, { ctx }) => bookingRoutes(app, ctx);
