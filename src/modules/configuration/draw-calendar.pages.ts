import type { AppContext, ModuleApp } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import type { Web } from '../web/web.plugin.ts';
import { CALENDAR_FORM, calendarPage, submitCalendar } from './draw-calendar.screens.ts';
import { calendarFormView } from './draw-calendar.views.ts';
import { actingOf } from './offices.access.ts';
import { formValues, pathId, savedFlag } from './offices.forms.ts';

const HIDDEN = { schema: { hide: true } };
const PATH = '/services/:siteId/offres/:offerId/tirages';

function ids(params: unknown) {
  const { siteId, offerId } = params as { siteId: string; offerId: string };
  return { siteId: pathId(siteId, 'site'), offerId: pathId(offerId, 'offer') };
}

/** A draw offer's calendar page, under /agents behind the session guard. */
export function drawCalendarPages(app: ModuleApp, ctx: AppContext, web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get(PATH, HIDDEN, async (request, reply) => {
    const model = await calendarPage(
      deps,
      principalOf(request),
      ids(request.params),
      savedFlag(request.query),
    );
    return web.render(request, reply, calendarFormView, model);
  });

  app.post(PATH, HIDDEN, async (request, reply) => {
    const values = formValues(request.body, CALENDAR_FORM);
    const model = await submitCalendar(deps, actingOf(request, ctx), ids(request.params), values);
    return web.render(request, reply, calendarFormView, model);
  });
}
