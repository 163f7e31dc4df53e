import { Type } from '@sinclair/typebox';
import type { AppContext, ModuleApp } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import type { DrawWindow } from '../draw/calendar.ts';
import { type CalendarView, getDrawCalendar, saveDrawCalendar } from './draw-calendar.usecases.ts';
import { actingOf } from './offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY, IdParamsSchema } from './offices.schemas.ts';

// GET/PUT /api/v1/admin/offers/:id/draw-calendar: the twin of a draw offer's calendar page. The
// schema says the types; the use case says the bounds and the overlap, field by field (422).

const TAGS = ['admin: offers'];
const time = (description: string) =>
  Type.String({ description: `${description}, HH:MM local time of the site` });
const days = (description: string, max: number) => Type.Integer({ description: `${description} (1–${max})` });

const CalendarFields = {
  firstOpensOn: Type.String({ description: 'Local date the first window opens, YYYY-MM-DD' }),
  opensAt: time('Opening time of each window'),
  windowDays: days('Days from a window’s opening day to its closing day', 60),
  closesAt: time('Closing time'),
  periodDays: days('Days between two openings, and the length of the period each window allocates', 91),
  leadDays: days('Days from the closing day to the first day of the allocated period', 180),
};

const CalendarBody = Type.Object(
  {
    ...CalendarFields,
    active: Type.Optional(Type.Boolean({ description: 'Announces new windows (default true)' })),
  },
  { additionalProperties: false },
);

const WindowSchema = Type.Object({
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
  slotsFrom: Type.String({ format: 'date' }),
  slotsTo: Type.String({ format: 'date' }),
});

const CalendarAnswer = Type.Object({
  offerId: Type.Integer(),
  calendar: Type.Union([Type.Object({ ...CalendarFields, active: Type.Boolean() }), Type.Null()]),
  currentWindow: Type.Union([WindowSchema, Type.Null()]),
  nextWindow: Type.Union([WindowSchema, Type.Null()]),
});

const presentWindow = (window: DrawWindow | undefined) =>
  window
    ? {
        opensAt: window.opensAt.toISOString(),
        closesAt: window.closesAt.toISOString(),
        slotsFrom: window.slotsFrom,
        slotsTo: window.slotsTo,
      }
    : null;

function present(view: CalendarView) {
  return {
    offerId: view.offer.id,
    calendar: view.calendar,
    currentWindow: presentWindow(view.windows?.current),
    nextWindow: presentWindow(view.windows?.next),
  };
}

/** The admin routes of draw calendars (mounted under /api/v1/admin). */
export function drawCalendarApiRoutes(app: ModuleApp, ctx: AppContext): void {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get(
    '/offers/:id/draw-calendar',
    {
      schema: {
        tags: TAGS,
        summary: 'A draw offer’s recurring calendar and its coming windows (404 for another channel)',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        response: { 200: CalendarAnswer, ...ADMIN_ERRORS },
      },
    },
    async (request) => present(await getDrawCalendar(deps, principalOf(request), request.params.id)),
  );

  app.put(
    '/offers/:id/draw-calendar',
    {
      schema: {
        tags: TAGS,
        summary:
          'Set a draw offer’s recurring calendar: windows announced from the next run of the windows job',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        body: CalendarBody,
        response: { 200: CalendarAnswer, ...ADMIN_ERRORS },
      },
    },
    async (request) =>
      present(await saveDrawCalendar(deps, actingOf(request, ctx), request.params.id, request.body)),
  );
}
