import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app.ts';
import type { Locale } from '../../db/schema.ts';
import { addDays, localDate, zonedTimeToUtc } from '../schedule/timezone.ts';
import { breadcrumb, csrfField } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { common } from '../web/messages/common.ts';
import { journey } from '../web/messages/journey.ts';
import type { Web } from '../web/web.plugin.ts';
import {
  alert,
  hiddenFields,
  journeyStepper,
  officeList,
  otherChannels,
  weekSlots,
} from './journey.components.ts';
import { mondayOf, slotChoiceUrl, weekOf } from './journey.input.ts';
import {
  findProcedureInDepartment,
  hasFreeSlotFrom,
  listBookingOffices,
  listFreeSlotsBetween,
  listOtherChannels,
} from './journey.repository.ts';

// Step 2 of the booking journey, Choix d'une plage: a GET, since office and week are navigation and
// carry nothing personal. The chosen slot is POSTed to step 3 (journey.pages.ts).

/** GET /departements/:code/demarches/:procedureCode/plage: offices, then one week of free times. */
export function slotChoicePage(app: FastifyInstance, ctx: AppContext, web: Web): void {
  const page = (
    reply: FastifyReply,
    locale: Locale,
    title: string,
    main: SafeHtml,
    options: { status?: number } = {},
  ) => web.sendPage(reply, { locale, title, main, path: '/', ...options });

  // Step 2: Choix d'une plage.
  app.get(
    '/departements/:code/demarches/:procedureCode/plage',
    { schema: { hide: true } },
    async (request, reply) => {
      const locale = web.locale(request, reply);
      const m = messagesFor(journey, locale);
      const { code, procedureCode } = request.params as { code: string; procedureCode: string };
      const query = request.query as Record<string, string | undefined>;
      const descriptionUrl = `/departements/${encodeURIComponent(code)}/demarches/${encodeURIComponent(procedureCode)}`;
      // Opened without the accepted conditions: back to the description (with the error, unless the
      // person merely switched language there).
      if (query.conditions !== 'acceptees') {
        return reply.redirect(query.lang ? descriptionUrl : `${descriptionUrl}?erreur=conditions`, 303);
      }

      const procedure = await findProcedureInDepartment(ctx.db, code, procedureCode);
      if (!procedure) {
        return page(
          reply,
          locale,
          m.unknownProcedure,
          html`<h1>${m.unknownProcedure}</h1>
<p><a class="fr-link" href="/">${m.restartLink}</a></p>`,
          { status: 404 },
        );
      }
      const now = ctx.clock.now();
      const zone = procedure.timezone;
      const offices = await listBookingOffices(ctx.db, code, procedure.id, now);
      const siteParam = Number(query.site);
      const office =
        offices.find((o) => o.siteId === siteParam) ?? (offices.length === 1 ? offices[0] : undefined);
      const url = (options: { site?: number; week?: string }) => slotChoiceUrl(code, procedureCode, options);

      const errorText =
        query.erreur === 'prise'
          ? m.slotTaken
          : query.erreur === 'indisponible'
            ? m.slotUnavailable
            : query.erreur === 'choix'
              ? m.slotMissing
              : undefined;
      let content: SafeHtml;
      if (!office) {
        content = offices.some((o) => o.nextFree)
          ? html`<h2 class="fr-h4">${m.chooseOffice}</h2>${officeList(offices, undefined, (site) => url({ site }), zone, locale)}`
          : await noSlot(undefined);
      } else if (!office.nextFree) {
        content = await noSlot(office.siteId);
      } else {
        const today = localDate(now, zone);
        const thisWeek = mondayOf(today);
        const firstWeek = mondayOf(localDate(office.nextFree, zone));
        const wanted = weekOf(query.semaine) ?? firstWeek;
        // Weeks before the current one have nothing left to book.
        let week = wanted;
        if (week < thisWeek) week = thisWeek;
        const from = zonedTimeToUtc(week, '00:00', zone);
        const to = zonedTimeToUtc(addDays(week, 7), '00:00', zone);
        const slots = await listFreeSlotsBetween(ctx.db, office.offerId, from, to, now);
        const later = await hasFreeSlotFrom(ctx.db, office.offerId, to);
        const dayLabel = (date: string) =>
          formatDateTime(zonedTimeToUtc(date, '12:00', zone), zone, locale, { date: 'long' });
        content = html`${offices.length > 1 ? html`<h2 class="fr-h4">${m.chooseOffice}</h2>${officeList(offices, office.siteId, (site) => url({ site }), zone, locale)}` : ''}
<h2 class="fr-h4">${m.chosenOffice(office.name)}</h2>
<p>${office.address}</p>
<h3 class="fr-h5" id="semaine">${m.weekOf(dayLabel(week), dayLabel(addDays(week, 6)))}</h3>
<ul class="creneau-week-nav">
${week > thisWeek ? html`<li><a class="fr-link" href="${url({ site: office.siteId, week: addDays(week, -7) })}#semaine"><span aria-hidden="true">← </span>${m.previousWeek}</a></li>` : ''}
${later ? html`<li><a class="fr-link" href="${url({ site: office.siteId, week: addDays(week, 7) })}#semaine">${m.nextWeek}<span aria-hidden="true"> →</span></a></li>` : ''}
${week !== firstWeek ? html`<li><a class="fr-link" href="${url({ site: office.siteId, week: firstWeek })}#semaine">${m.firstWeek}</a></li>` : ''}
</ul>
${
  slots.length === 0
    ? html`<p>${m.weekEmpty}</p>`
    : html`<form method="post" action="/rendez-vous/securite">
${csrfField(web.csrfToken(request, reply))}
${hiddenFields({ departement: code, demarche: procedureCode, site: String(office.siteId), semaine: week })}
<h3 class="fr-h5">${m.chooseSlot}</h3>
<p class="fr-hint-text">${m.timesHint(zone)}</p>
${weekSlots(slots, zone, locale)}
<button class="fr-btn" type="submit">${messagesFor(common, locale).continue}</button>
</form>`
}`;
      }
      return page(
        reply,
        locale,
        `${m.steps[1]} — ${procedure.title}`,
        html`${breadcrumb(m.breadcrumb, [
          { label: m.home, href: '/' },
          {
            label: m.department(code, procedure.departmentName),
            href: `/departements/${encodeURIComponent(code)}`,
          },
          { label: procedure.title, href: descriptionUrl },
          { label: m.steps[1] ?? '' },
        ])}
<h1 class="fr-h3">${procedure.title}</h1>
${journeyStepper(m, 2)}
${errorText ? alert('error', errorText) : ''}
${content}`,
      );

      /** No free slot here: the other offices with slots, the other channels, the help page. */
      async function noSlot(siteId: number | undefined): Promise<SafeHtml> {
        const others = offices.filter((o) => o.siteId !== siteId && o.nextFree);
        const channels = await listOtherChannels(ctx.db, code, (procedure as { id: number }).id);
        return html`<div class="fr-alert fr-alert--info fr-mb-4w"><h2 class="fr-alert__title">${m.noSlot}</h2><p>${m.noSlotText}</p></div>
${others.length > 0 ? html`<h2 class="fr-h4">${m.otherOffices}</h2>${officeList(others, undefined, (site) => url({ site }), zone, locale)}` : ''}
${otherChannels(channels, locale)}
<p><a class="fr-link" href="/aide">${m.helpLink}</a></p>`;
      }
    },
  );
}
