import type { ModulePlugin } from '../../context.ts';
import { actingOf } from '../configuration/offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY } from '../configuration/offices.schemas.ts';
import { CallBodySchema, LoopAnswerSchema, LoopErrorSchema, LoopParamsSchema } from './queue.schemas.ts';
import { type ActionInput, actOnBooking, type LoopAnswer } from './queue.usecases.ts';

const ERRORS = { ...ADMIN_ERRORS, 404: LoopErrorSchema, 409: LoopErrorSchema, 422: LoopErrorSchema };

/** The actions without a body, by their path and what each does. */
const ACTIONS: { path: string; action: Exclude<ActionInput['action'], 'call'>; summary: string }[] = [
  {
    path: 'recall',
    action: 'recall',
    summary: 'Call the person again to the same counter (called, up to the office’s N calls)',
  },
  { path: 'serve', action: 'serve', summary: 'The person came to the counter: called → served' },
  { path: 'finish', action: 'finish', summary: 'Served and done: served → attended' },
  {
    path: 'miss',
    action: 'miss',
    summary: 'Called N times without coming: called → missed (409 not_enough_calls before N)',
  },
  {
    path: 'requeue',
    action: 'requeue',
    summary: 'Back in the queue: missed or called → waiting, the calls counted from none',
  },
  { path: 'no-show', action: 'no_show', summary: 'Did not come: confirmed, waiting or missed → no_show' },
  {
    path: 'undo',
    action: 'undo',
    summary: 'Take back the booking’s last step, on the appointment’s day only',
  },
];

/** The counter loop's actions in the admin API (PRODUCT §7.1; ADMIN_API), permission booking.check_in. */
export const queueApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.post(
    '/bookings/:reference/call',
    {
      schema: {
        tags: ['admin: counter'],
        summary:
          'Call a waiting person to a counter (permission booking.check_in): waiting → called; 409 already_called naming the counter',
        security: ADMIN_SECURITY,
        params: LoopParamsSchema,
        body: CallBodySchema,
        response: { 200: LoopAnswerSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const input = {
        reference: request.params.reference,
        action: 'call' as const,
        counter: request.body.counter,
      };
      const answer = await actOnBooking(deps, actingOf(request, ctx), input);
      return reply.header('cache-control', 'no-store').send(presentLoop(answer));
    },
  );

  for (const { path, action, summary } of ACTIONS) {
    app.post(
      `/bookings/:reference/${path}`,
      {
        schema: {
          tags: ['admin: counter'],
          summary: `${summary} (permission booking.check_in)`,
          security: ADMIN_SECURITY,
          params: LoopParamsSchema,
          response: { 200: LoopAnswerSchema, ...ERRORS },
        },
      },
      async (request, reply) => {
        const answer = await actOnBooking(deps, actingOf(request, ctx), {
          reference: request.params.reference,
          action,
        });
        return reply.header('cache-control', 'no-store').send(presentLoop(answer));
      },
    );
  }
};

const iso = (instant: Date | null) => instant?.toISOString() ?? null;

/** An action's JSON. */
function presentLoop(a: LoopAnswer) {
  return {
    reference: a.reference,
    status: a.status,
    counter: a.counter,
    callCount: a.callCount,
    checkedInAt: iso(a.checkedInAt),
    calledAt: iso(a.calledAt),
    servedAt: iso(a.servedAt),
    finishedAt: iso(a.finishedAt),
  };
}
