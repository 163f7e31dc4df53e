import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { altchaWidget, csrfField, errorSummary, input } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import { common } from '../web/messages/common.ts';
import { manage } from '../web/messages/manage.ts';
import type { Web } from '../web/web.plugin.ts';
import type { BookingDetails } from './booking.repository.ts';
import { checkEmailAddress, type EmailCheck } from './email-address.ts';
import {
  bookingSummary,
  downloadLinks,
  field,
  localDay,
  localTimeOf,
  sendProblem,
  table,
  tokenQuery,
} from './manage.components.ts';
import {
  cancelOwnBooking,
  findOwnBooking,
  isUpcoming,
  listOwnBookings,
  requestManageLink,
  resolveAccess,
} from './manage.usecases.ts';
import { reschedulePages } from './reschedule.pages.ts';

type ManageMessages = (typeof manage)['fr']['manage'];

/** What to tell the person about an address the request form refused. */
function emailMessage(m: ManageMessages, checked: EmailCheck & { ok: false }): string {
  switch (checked.problem) {
    case 'required':
      return m.emailMissing;
    case 'invisible_character':
      return m.emailInvisible;
    case 'unsupported_character':
      return m.emailUnsupported(checked.character ?? '');
    default:
      return m.emailInvalid;
  }
}

/** "Annuler, consulter et gérer mes demandes de rendez-vous": ask for a link, list, consult, delete. */
export function managePages(app: FastifyInstance, ctx: AppContext, web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
  const path = '/rendez-vous/gerer';

  function requestForm(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { email?: string; errors?: FieldError[]; status?: number } = {},
  ) {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    const errors = options.errors ?? [];
    const security = ctx.config.captcha
      ? html`<p class="fr-hint-text">${m.manage.securityHint}</p>
${altchaWidget(locale)}`
      : html`<div class="fr-notice fr-notice--info"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">${m.manage.captchaOff}</p></div></div></div>`;
    return web.sendPage(reply, {
      locale,
      title: errors.length ? `${messagesFor(common, locale).errorPrefix} ${m.manage.title}` : m.manage.title,
      path,
      status: options.status,
      scripts: ctx.config.captcha ? ['js/altcha.min.js'] : [],
      main: html`<h1>${m.manage.title}</h1>
${errorSummary(messagesFor(common, locale).errorSummaryTitle(errors.length), errors, {
  email: m.manage.email,
  altcha: m.manage.security,
})}
<p>${m.manage.intro}</p>
<form method="post" action="${path}" novalidate>
${csrfField(web.csrfToken(request, reply))}
<fieldset class="fr-fieldset" id="altcha"><legend class="fr-fieldset__legend">${m.manage.security}</legend>
<div class="fr-fieldset__element">${security}</div>
</fieldset>
${input({
  name: 'email',
  label: m.manage.email,
  hint: m.manage.emailHint,
  type: 'email',
  autocomplete: 'email',
  value: options.email ?? '',
  required: true,
  errors,
})}
<button class="fr-btn" type="submit">${m.manage.submit}</button>
</form>`,
    });
  }

  function actions(booking: BookingDetails, token: string, now: Date, locale: Locale): SafeHtml {
    const m = messagesFor(manage, locale).manage;
    const query = tokenQuery(token, booking.reference);
    const item = (label: string, href: string, extra = html``) =>
      html`<li><a class="fr-link" href="${href}" title="${m.actionOn(label, booking.reference)}"${extra}>${label}</a></li>`;
    return html`<ul class="fr-links-group creneau-actions">
${item(m.consult, `${path}?${query}`)}
${booking.status === 'confirmed' ? item(m.download, `/rendez-vous/convocation.pdf?${query}`, html` download`) : ''}
${isUpcoming(booking, now) ? [item(m.remove, `/rendez-vous/supprimer?${query}`), item(m.move, `/rendez-vous/changer?${query}`)] : ''}
</ul>`;
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, token: string) {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    const access = await resolveAccess(deps, token);
    const bookings = await listOwnBookings(deps, access);
    const now = ctx.clock.now();
    const rows = bookings.map(
      (b) => html`<tr>
<td>${localDay(b.startsAt, b.timezone, locale)}</td>
<td>${localTimeOf(b.startsAt, b.timezone, locale)}</td>
<td>${m.duration(b.durationMinutes)}</td>
<td>${b.procedureTitle}</td>
<td>${m.statuses[b.status]}</td>
<td>${actions(b, token, now, locale)}</td>
</tr>`,
    );
    return web.sendPage(reply, {
      locale,
      title: m.manage.listTitle,
      path,
      main: html`<h1>${m.manage.listTitle}</h1>
${
  rows.length === 0
    ? html`<p>${m.manage.none}</p>`
    : table(
        m.manage.listCaption,
        [m.labels.date, m.labels.time, m.labels.duration, m.labels.nature, m.labels.status, m.labels.actions],
        rows,
      )
}
<p><a class="fr-link" href="/">${m.manage.newBooking}</a></p>`,
    });
  }

  async function detailPage(request: FastifyRequest, reply: FastifyReply, token: string, reference: string) {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    const { booking } = await findOwnBooking(deps, { token, reference });
    const query = tokenQuery(token, booking.reference);
    const upcoming = isUpcoming(booking, ctx.clock.now());
    return web.sendPage(reply, {
      locale,
      title: m.manage.detailTitle(booking.reference),
      path,
      main: html`<h1>${m.manage.detailTitle(booking.reference)}</h1>
${bookingSummary(booking, locale)}
${booking.status === 'confirmed' ? downloadLinks(locale, query) : ''}
${
  upcoming
    ? html`<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn fr-btn--secondary" href="/rendez-vous/changer?${query}">${m.manage.move}</a></li>
<li><a class="fr-btn fr-btn--tertiary" href="/rendez-vous/supprimer?${query}">${m.manage.remove}</a></li>
</ul>`
    : ''
}
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="${path}?${tokenQuery(token)}">${m.manage.backToList}</a></p>`,
    });
  }

  app.get(path, { schema: { hide: true } }, async (request, reply) => {
    const token = field(request.query, 'token');
    if (token === '') return requestForm(request, reply);
    try {
      const reference = field(request.query, 'reference', 20);
      return reference === ''
        ? await listPage(request, reply, token)
        : await detailPage(request, reply, token, reference);
    } catch (error) {
      return sendProblem(web, request, reply, error);
    }
  });

  app.post(path, { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    // Not cut at 254: a longer address must be refused, not shortened into another one.
    const typed = field(request.body, 'email', 1000).trim();
    const checked = checkEmailAddress(typed);
    if (!checked.ok) {
      return requestForm(request, reply, {
        email: typed,
        status: 422,
        errors: [{ field: 'email', code: checked.problem, message: emailMessage(m.manage, checked) }],
      });
    }
    const email = checked.address;
    if (!(await ctx.captcha.verify(field(request.body, 'altcha', 10_000) || undefined))) {
      return requestForm(request, reply, {
        email,
        status: 403,
        errors: [{ field: 'altcha', code: 'captcha_failed', message: m.manage.captchaFailed }],
      });
    }
    // The same answer whether the address has bookings or not: the page never tells who booked.
    await requestManageLink(deps, { email, locale });
    return web.sendPage(reply, {
      locale,
      title: m.manage.sentTitle,
      path,
      main: html`<h1>${m.manage.title}</h1>
<div class="fr-alert fr-alert--info fr-mb-4w" role="status">
<h2 class="fr-alert__title">${m.manage.sentTitle}</h2>
<p>${m.manage.sent}</p>
</div>
<p>${m.manage.sentHint}</p>`,
    });
  });

  app.get('/rendez-vous/supprimer', { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    const token = field(request.query, 'token');
    try {
      const { booking: b } = await findOwnBooking(deps, {
        token,
        reference: field(request.query, 'reference', 20),
      });
      const row = html`<tr>
<td>${m.statuses[b.status]}</td>
<td>${b.lastName} ${b.firstName}</td>
<td>${localDay(b.createdAt, b.timezone, locale)} ${localTimeOf(b.createdAt, b.timezone, locale)}</td>
<td>${b.procedureTitle}</td>
<td>${localDay(b.startsAt, b.timezone, locale)}</td>
<td>${localTimeOf(b.startsAt, b.timezone, locale)}</td>
<td>${m.duration(b.durationMinutes)}</td>
</tr>`;
      return web.sendPage(reply, {
        locale,
        title: m.cancel.title,
        path: '/rendez-vous/supprimer',
        main: html`<h1>${m.cancel.title}</h1>
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.cancel.question}</p></div>
${table(
  m.cancel.caption,
  [
    m.labels.status,
    m.labels.name,
    m.labels.submittedOn,
    m.labels.nature,
    m.labels.date,
    m.labels.time,
    m.labels.duration,
  ],
  [row],
)}
<form method="post" action="/rendez-vous/supprimer">
${csrfField(web.csrfToken(request, reply))}
<input type="hidden" name="token" value="${token}">
<input type="hidden" name="reference" value="${b.reference}">
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${m.cancel.yes}</button></li>
<li><a class="fr-btn fr-btn--secondary" href="${path}?${tokenQuery(token)}">${m.cancel.no}</a></li>
</ul>
</form>`,
      });
    } catch (error) {
      return sendProblem(web, request, reply, error);
    }
  });

  app.post('/rendez-vous/supprimer', { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    const token = field(request.body, 'token');
    try {
      await cancelOwnBooking(deps, { token, reference: field(request.body, 'reference', 20) });
      return web.sendPage(reply, {
        locale,
        title: m.cancel.doneTitle,
        path: '/rendez-vous/supprimer',
        main: html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h1 class="fr-alert__title">${m.cancel.doneTitle}</h1>
<p><strong>${m.cancel.done}</strong></p>
</div>
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="${path}?${tokenQuery(token)}">${m.manage.backToList}</a></p>`,
      });
    } catch (error) {
      return sendProblem(web, request, reply, error);
    }
  });

  reschedulePages(app, ctx, web);
}
