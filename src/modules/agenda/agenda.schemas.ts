import { Type } from '@sinclair/typebox';
import type { BookingStatus } from '../../db/schema.ts';
import { ALL_BOOKING_STATUSES } from '../booking/statuses.ts';

/** The query of GET /api/v1/admin/sites/ID/agenda: one local day of the office (today by default). */
export const AgendaQuerySchema = Type.Object({
  date: Type.Optional(
    Type.String({ format: 'date', description: 'A day in the office’s zone, YYYY-MM-DD; today by default' }),
  ),
  counter: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 50,
      description:
        'Only the appointments last called to this counter (one of the site’s counters; 422 otherwise)',
    }),
  ),
});

/** One appointment of the office's day (PRODUCT §7.1). */
export const AgendaEntrySchema = Type.Object(
  {
    reference: Type.String(),
    status: Type.Unsafe<BookingStatus>({ type: 'string', enum: [...ALL_BOOKING_STATUSES] }),
    start: Type.String({ format: 'date-time', description: 'ISO 8601 with the office’s offset' }),
    counter: Type.Optional(
      Type.String({ description: 'The counter of the person’s last call (absent until they are called)' }),
    ),
    lastName: Type.String(),
    firstName: Type.String(),
  },
  { additionalProperties: false },
);
