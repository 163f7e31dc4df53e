import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../booking/booking.schemas.ts';

// The JSON of the counter loop's actions and of the public call screen (PRODUCT §7.1); the same
// schemas validate and document.

export const LoopParamsSchema = Type.Object({ reference: Type.String({ maxLength: 40 }) });

export const CallBodySchema = Type.Object(
  {
    counter: Type.String({
      minLength: 1,
      maxLength: 50,
      description: 'The counter (guichet) the person is called to: one of the office’s counters',
    }),
  },
  { additionalProperties: false },
);

const Instant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const LoopAnswerSchema = Type.Object({
  reference: Type.String(),
  status: Type.String({ description: 'The booking’s status after the action' }),
  counter: Type.Union([Type.String(), Type.Null()], { description: 'The counter of the last call' }),
  callCount: Type.Integer({ description: 'Calls since the person last entered the queue' }),
  checkedInAt: Instant,
  calledAt: Instant,
  servedAt: Instant,
  finishedAt: Instant,
});

/** A refusal of the loop: `status` names the booking's for `wrong_status`, `counter` for `already_called`. */
export const LoopErrorSchema = Type.Object({
  error: Type.Object({
    ...ErrorSchema.properties.error.properties,
    status: Type.Optional(Type.String()),
    counter: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    calls: Type.Optional(Type.Integer()),
  }),
});

export const SiteParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const CallsSchema = Type.Object({
  calls: Type.Array(
    Type.Object({
      reference: Type.String(),
      counter: Type.String(),
      calledAt: Type.String({ format: 'date-time' }),
      callCount: Type.Integer(),
    }),
    { description: 'Today’s people called now, the latest call first: references and counters, no name' },
  ),
});
