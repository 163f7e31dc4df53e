import type { ModulePlugin } from '../../context.ts';
import { principalOf, seatOf } from '../agents/auth.ts';
import { sessionCookieName } from '../agents/sessions.ts';
import { actingOf } from '../configuration/offices.access.ts';
import type { Body } from '../journey/journey.input.ts';
import { chooseCounter, counterChoicePage } from './counter-choice.usecases.ts';
import { counterChoiceView, queueView } from './queue.views.ts';
import { actFromPage, queuePage } from './queue-page.usecases.ts';

const HIDDEN = { schema: { hide: true } };

/** The counter loop's pages (BACK_OFFICE_PAGES): /agents/mon-guichet and /agents/file. */
export const queuePagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get('/mon-guichet', HIDDEN, async (request, reply) => {
    const model = await counterChoicePage(deps, principalOf(request), seatOf(request));
    return web.render(request, reply, counterChoiceView, model);
  });

  app.post('/mon-guichet', HIDDEN, async (request, reply) => {
    const cookie = request.cookies[sessionCookieName(ctx.config)];
    const body = (request.body ?? {}) as Body;
    const model = await chooseCounter(deps, actingOf(request, ctx), { cookie, seat: seatOf(request), body });
    return web.render(request, reply, counterChoiceView, model);
  });

  app.get('/file', HIDDEN, async (request, reply) => {
    const query = (request.query ?? {}) as Body;
    const model = await queuePage(deps, principalOf(request), { seat: seatOf(request), query });
    return web.render(request, reply, queueView, model);
  });

  app.post('/file', HIDDEN, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const model = await actFromPage(deps, actingOf(request, ctx), { seat: seatOf(request), body });
    return web.render(request, reply, queueView, model);
  });
};
