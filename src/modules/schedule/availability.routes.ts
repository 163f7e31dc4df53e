import { Type } from '@sinclair/typebox';
import type { AppContext, ModuleApp, ModulePlugin } from '../../context.ts';
import { invalid } from '../../errors.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { findOffer, listFreeSlots } from './schedule.repository.ts';
import { addDays, formatInZone, localDate, zonedTimeToUtc } from './timezone.ts';

const MAX_RANGE_DAYS = 93;
const MAX_ID = 2_147_483_647;

/**
 * Availability is the most read path, hammered whenever slots are scarce. Each answer is kept for one
 * second per query, serialised once and shared by concurrent requests: a second-old view costs
 * nothing in safety, since the database still refuses a seat that is gone.
 */
const CACHE_MS = 1000;
const MAX_CACHED = 10_000;

/** Without `to`: up to the offer's last published day, within the longest range, never before `first`. */
export function defaultLastDay(first: string, today: string, publicationDays: number): string {
  // YYYY-MM-DD dates sort as strings: the earliest of the two ends, then not before `first`.
  const [last = first] = [addDays(today, publicationDays - 1), addDays(first, MAX_RANGE_DAYS)].sort();
  return last < first ? first : last;
}

/** GET /api/v1/availability: the free slots of an offer, each answer kept a second. */
export function availabilityRoutes(app: ModuleApp, ctx: AppContext): void {
  const cache = new Map<string, { expires: number; body: Promise<string> }>();

  async function compute(procedure: number, site: number, from?: string, to?: string): Promise<string> {
    const offer = await findOffer(ctx.db, procedure, site);
    if (!offer) {
      throw invalid([
        { field: 'site', code: 'not_offered', message: "Cette démarche n'est pas proposée dans ce site." },
      ]);
    }
    const now = ctx.clock.now();
    const today = localDate(now, offer.timezone);
    const first = from ?? today;
    const last = to ?? defaultLastDay(first, today, offer.publicationDays);
    if (last < first) {
      throw invalid([
        { field: 'to', code: 'before_from', message: 'La date de fin doit suivre la date de début.' },
      ]);
    }
    if (addDays(first, MAX_RANGE_DAYS) < last) {
      throw invalid([
        {
          field: 'to',
          code: 'range_too_long',
          message: `Au plus ${MAX_RANGE_DAYS} jours à la fois.`,
          params: { maxDays: MAX_RANGE_DAYS },
        },
      ]);
    }
    const start = zonedTimeToUtc(first, '00:00', offer.timezone);
    const end = zonedTimeToUtc(addDays(last, 1), '00:00', offer.timezone);
    // Only the public pool: an offer of another channel (a draw) has no slot to show here.
    const slots = await listFreeSlots(ctx.db, { offerId: offer.id, from: start, to: end, now });
    return JSON.stringify({
      slots: slots.map((slot) => ({
        id: Number(slot.id),
        start: formatInZone(slot.startsAt, offer.timezone),
        end: formatInZone(slot.endsAt, offer.timezone),
        remaining: Number(slot.remaining),
      })),
    });
  }

  app.get(
    '/api/v1/availability',
    {
      schema: {
        tags: ['availability'],
        summary: 'Free slots of a procedure at a site, times in the site’s zone',
        querystring: Type.Object(
          {
            // Ids are PostgreSQL integers: a larger number would be a database error, not a 422.
            procedure: Type.Integer({ minimum: 1, maximum: MAX_ID }),
            site: Type.Integer({ minimum: 1, maximum: MAX_ID }),
            from: Type.Optional(Type.String({ format: 'date' })),
            to: Type.Optional(Type.String({ format: 'date' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            slots: Type.Array(
              Type.Object({
                id: Type.Integer(),
                start: Type.String({ format: 'date-time' }),
                end: Type.String({ format: 'date-time' }),
                remaining: Type.Integer(),
              }),
            ),
          }),
          422: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { procedure, site, from, to } = request.query;
      const key = `${procedure}:${site}:${from ?? ''}:${to ?? ''}`;
      // The injected clock, so that tests move time past the cache instead of waiting.
      const now = ctx.clock.now().getTime();
      let entry = cache.get(key);
      if (!entry || entry.expires <= now) {
        if (cache.size >= MAX_CACHED) cache.clear();
        entry = { expires: now + CACHE_MS, body: compute(procedure, site, from, to) };
        cache.set(key, entry);
        // A refusal is not worth keeping: drop it so the next request sees the error afresh.
        entry.body.catch(() => cache.delete(key));
      }
      const body = await entry.body;
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=1')
        .serializer((payload: unknown) => payload as string)
        .send(body as never);
    },
  );
}

/** The schedule module's routes: the availability API. */
export const schedulePlugin: ModulePlugin = async (app, { ctx }) => availabilityRoutes(app, ctx);
