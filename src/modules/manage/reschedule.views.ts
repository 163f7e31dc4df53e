import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { addDays, isoWeekday, localDate, localTime } from '../schedule/timezone.ts';
import { csrfField, errorSummary } from '../web/components.ts';
import { html } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { common } from '../web/messages/common.ts';
import { manage } from '../web/messages/manage.ts';
import type { Web } from '../web/web.plugin.ts';
import { bookingSummary, downloadLinks, field, sendProblem, tokenQuery } from './manage.components.ts';
import { manageErrors } from './manage.errors.ts';
import { findOwnBooking, isUpcoming, rescheduleOwnBooking, slotsForMove } from './manage.usecases.ts';

/** How far ahead the change-of-slot page looks for free slots. */
const HORIZON_DAYS = 92;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** "Changer de créneau": free slots of the same procedure in the département, then an atomic move. */
export function reschedulePages(app: FastifyInstance, ctx: AppContext, web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
  const path = '/rendez-vous/changer';

  async function choosePage(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { token: string; reference: string; site: string; week: string },
    options: { errors?: FieldError[]; status?: number } = {},
  ) {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    const errors = options.errors ?? [];
    const { booking } = await findOwnBooking(deps, input);
    const now = ctx.clock.now();
    if (!isUpcoming(booking, now)) throw manageErrors.notMovable();
    const zone = booking.timezone;
    const slots = await slotsForMove(deps, booking, {
      from: now,
      to: new Date(now.getTime() + HORIZON_DAYS * DAY_MS),
    });

    const sites = new Map<number, { name: string; first: Date }>();
    for (const slot of slots) {
      if (!sites.has(slot.siteId)) sites.set(slot.siteId, { name: slot.siteName, first: slot.startsAt });
    }
    const wanted = Number(input.site);
    const siteId = sites.has(wanted)
      ? wanted
      : sites.has(booking.siteId)
        ? booking.siteId
        : (sites.keys().next().value ?? booking.siteId);
    const siteSlots = slots.filter((slot) => slot.siteId === siteId);
    const firstDay = siteSlots[0] ? localDate(siteSlots[0].startsAt, zone) : localDate(now, zone);
    const monday = mondayOf(DATE.test(input.week) ? input.week : firstDay);
    const sunday = addDays(monday, 6);
    const days = new Map<string, typeof siteSlots>();
    for (const slot of siteSlots) {
      const day = localDate(slot.startsAt, zone);
      if (day < monday || day > sunday) continue;
      days.set(day, [...(days.get(day) ?? []), slot]);
    }

    const base = tokenQuery(input.token, booking.reference);
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    const longDay = (day: string) => formatDateTime(at(day), 'UTC', locale, { date: 'full' });
    const shortDay = (day: string) => formatDateTime(at(day), 'UTC', locale, { date: 'short' });
    const weekLink = (day: string) => `${path}?${base}&site=${siteId}&semaine=${day}`;
    const thisMonday = mondayOf(localDate(now, zone));

    const officeNav = html`<nav aria-label="${m.move.offices}"><h2 class="fr-h5">${m.move.offices}</h2><ul>
${[...sites].map(
  ([id, site]) =>
    html`<li><a class="fr-link" href="${path}?${base}&site=${id}"${id === siteId ? html` aria-current="page"` : ''}>${site.name}</a> — ${m.move.firstFree(formatDateTime(site.first, zone, locale))}</li>`,
)}
</ul></nav>`;

    // The first radio carries the id the error summary links to.
    const firstId = [...days.values()][0]?.[0]?.id;
    const radioId = (id: string) => (id === firstId ? 'slotId' : `creneau-${id}`);
    const dayGroups = [...days].map(
      ([
        day,
        daySlots,
      ]) => html`<fieldset class="fr-fieldset" id="jour-${day}" aria-labelledby="jour-${day}-legende">
<legend class="fr-fieldset__legend" id="jour-${day}-legende">${m.move.slotsOf(longDay(day))}</legend>
${daySlots.map(
  (slot) => html`<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-radio-group">
<input type="radio" id="${radioId(slot.id)}" name="slotId" value="${slot.id}">
<label class="fr-label" for="${radioId(slot.id)}">${localTime(slot.startsAt, zone)}</label>
</div></div>`,
)}
</fieldset>`,
    );

    const choice =
      sites.size === 0
        ? html`<div class="fr-alert fr-alert--info fr-mb-4w"><p>${m.move.noSlot}</p></div>`
        : html`${officeNav}
<h2 class="fr-h5">${sites.get(siteId)?.name ?? ''} — ${m.move.week(shortDay(monday), shortDay(sunday))}</h2>
<ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
${monday > thisMonday ? html`<li><a class="fr-btn fr-btn--tertiary" href="${weekLink(addDays(monday, -7))}">${m.move.previousWeek}</a></li>` : ''}
<li><a class="fr-btn fr-btn--tertiary" href="${weekLink(addDays(monday, 7))}">${m.move.nextWeek}</a></li>
</ul>
${
  days.size === 0
    ? html`<p>${m.move.noSlotThisWeek}</p>`
    : html`<form method="post" action="${path}">
${csrfField(web.csrfToken(request, reply))}
<input type="hidden" name="token" value="${input.token}">
<input type="hidden" name="reference" value="${booking.reference}">
${dayGroups}
<button class="fr-btn" type="submit">${m.move.submit}</button>
</form>`
}`;

    return web.sendPage(reply, {
      locale,
      title: errors.length ? `${messagesFor(common, locale).errorPrefix} ${m.move.title}` : m.move.title,
      path,
      status: options.status,
      main: html`<h1>${m.move.title}</h1>
${errorSummary(messagesFor(common, locale).errorSummaryTitle(errors.length), errors, {
  slotId: m.move.title,
})}
<p>${m.move.intro}</p>
${bookingSummary(booking, locale, m.move.current)}
${choice}`,
    });
  }

  app.get(path, { schema: { hide: true } }, async (request, reply) => {
    try {
      return await choosePage(request, reply, {
        token: field(request.query, 'token'),
        reference: field(request.query, 'reference', 20),
        site: field(request.query, 'site', 12),
        week: field(request.query, 'semaine', 10),
      });
    } catch (error) {
      return sendProblem(web, request, reply, error);
    }
  });

  app.post(path, { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    const token = field(request.body, 'token');
    const reference = field(request.body, 'reference', 20);
    const slotId = field(request.body, 'slotId', 20);
    const again = (message: string, code: string, status: number) =>
      choosePage(
        request,
        reply,
        { token, reference, site: '', week: '' },
        { errors: [{ field: 'slotId', code, message }], status },
      );
    try {
      if (!/^\d{1,18}$/.test(slotId)) return await again(m.move.chooseSlot, 'missing', 422);
      try {
        const moved = await rescheduleOwnBooking(deps, { token, reference, slotId });
        return web.sendPage(reply, {
          locale,
          title: m.move.doneTitle,
          path,
          main: html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h1 class="fr-alert__title">${m.move.doneTitle}</h1>
<p>${m.move.done}</p>
</div>
${bookingSummary(moved, locale)}
${moved.status === 'confirmed' ? downloadLinks(locale, tokenQuery(token, moved.reference)) : ''}
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/rendez-vous/gerer?${tokenQuery(token)}">${m.manage.backToList}</a></p>`,
        });
      } catch (error) {
        // A slot taken meanwhile, or not suitable: the same page again, the booking unchanged.
        if (error instanceof AppError && error.code === 'slot_full')
          return await again(m.move.slotFull, 'full', 409);
        if (error instanceof AppError && error.code === 'invalid') {
          const code = error.fields?.[0]?.code ?? 'invalid';
          return await again(code === 'past' ? m.move.slotPast : m.move.slotNotOffered, code, 422);
        }
        throw error;
      }
    } catch (error) {
      return sendProblem(web, request, reply, error);
    }
  });
}
