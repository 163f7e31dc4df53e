import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { messagesFor } from '../web/i18n.ts';
import { common } from '../web/messages/common.ts';
import { directory } from '../web/messages/directory.ts';
import type { Web } from '../web/web.plugin.ts';
import { descriptifView } from './directory.descriptif.ts';
import {
  findDepartment,
  findProcedure,
  listDepartments,
  listOffersOfDepartment,
  listSitesOfDepartment,
  nextFreeSlots,
} from './directory.repository.ts';
import { searchCompetentOffices } from './directory.search.ts';
import { departmentView, homeView, searchView } from './directory.views.ts';

const DEPARTMENT_CODE = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;
const PROCEDURE_CODE = /^[a-z0-9][a-z0-9-]{0,79}$/;
const MAX_QUERY_LENGTH = 100;

function queryString(query: unknown, name: string): string {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** The home page, the commune search, the département pages and step 1 (Descriptif) of the journey. */
export function directoryPages(app: FastifyInstance, ctx: AppContext, web: Web): void {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const main = homeView(locale, await listDepartments(ctx.db));
    return web.sendPage(reply, { locale, title: messagesFor(directory, locale).homeTitle, main, path: '/' });
  });

  app.get('/recherche', { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const m = messagesFor(directory, locale);
    const query = queryString(request.query, 'q').trim().slice(0, MAX_QUERY_LENGTH);
    const search = await searchCompetentOffices(ctx.db, query);
    const title = query ? m.searchResultsFor(query) : m.searchTitle;
    return web.sendPage(reply, {
      locale,
      title,
      main: searchView(locale, query, search),
      path: '/recherche',
    });
  });

  app.get('/departements/:code', { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const department = DEPARTMENT_CODE.test(code) ? await findDepartment(ctx.db, code) : undefined;
    if (!department) return reply.callNotFound();
    const locale = web.locale(request, reply);
    const [sites, offers] = await Promise.all([
      listSitesOfDepartment(ctx.db, code),
      listOffersOfDepartment(ctx.db, code),
    ]);
    const bookingOffers = offers.filter((offer) => offer.channel === 'booking').map((offer) => offer.offerId);
    const nextFree = await nextFreeSlots(ctx.db, bookingOffers, ctx.clock.now());
    return web.sendPage(reply, {
      locale,
      title: messagesFor(directory, locale).departmentTitle(department.name, department.code),
      main: departmentView(locale, department, sites, offers, nextFree),
      path: `/departements/${code}`,
    });
  });

  app.get(
    '/departements/:code/demarches/:procedureCode',
    { schema: { hide: true } },
    async (request, reply) => {
      const { code, procedureCode } = request.params as { code: string; procedureCode: string };
      if (!DEPARTMENT_CODE.test(code) || !PROCEDURE_CODE.test(procedureCode)) return reply.callNotFound();
      const [department, procedure, offers] = await Promise.all([
        findDepartment(ctx.db, code),
        findProcedure(ctx.db, procedureCode),
        listOffersOfDepartment(ctx.db, code, procedureCode),
      ]);
      // A procedure the département does not offer at all has no page there.
      if (!department || !procedure || offers.length === 0) return reply.callNotFound();
      const locale = web.locale(request, reply);
      const booking = offers.filter((offer) => offer.channel === 'booking');
      const slots = await nextFreeSlots(
        ctx.db,
        booking.map((offer) => offer.offerId),
        ctx.clock.now(),
      );
      let nextFree: { startsAt: Date; siteName: string } | undefined;
      for (const offer of booking) {
        const startsAt = slots.get(offer.offerId);
        if (startsAt && (!nextFree || startsAt < nextFree.startsAt))
          nextFree = { startsAt, siteName: offer.siteName };
      }
      // Step 2 sends the applicant back here with ?erreur=conditions when the box was not ticked.
      const conditionsMissing = queryString(request.query, 'erreur') === 'conditions';
      const main = descriptifView(locale, { department, procedure, offers, nextFree, conditionsMissing });
      return web.sendPage(reply, {
        locale,
        // The DSFR error pattern: the page title says first that the form needs fixing.
        title: conditionsMissing
          ? `${messagesFor(common, locale).errorPrefix} ${procedure.title}`
          : procedure.title,
        main,
        path: `/departements/${code}/demarches/${procedureCode}`,
      });
    },
  );
}
