import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { bookingErrors } from '../booking/booking.errors.ts';
import { field, sendProblem, table } from '../booking/manage.components.ts';
import { manageErrors } from '../booking/manage.errors.ts';
import { findOwnBooking } from '../booking/manage.usecases.ts';
import { input } from '../web/components.ts';
import { html } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { convocation } from '../web/messages/convocation.ts';
import type { Web } from '../web/web.plugin.ts';
import { convocationIcs, convocationPdf, loadConvocation, verifyCode } from './convocation.usecases.ts';

/** The convocation downloads (PDF, calendar file) and the public verification page /verifier. */
export function convocationPages(app: FastifyInstance, ctx: AppContext, web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config };

  // Either a booking's manage token alone, or any token of the address with the booking's reference.
  async function confirmedConvocation(request: FastifyRequest) {
    const { booking } = await findOwnBooking(deps, {
      token: field(request.query, 'token'),
      reference: field(request.query, 'reference', 20),
    });
    if (booking.status !== 'confirmed') throw manageErrors.notConfirmed();
    const data = await loadConvocation(deps, booking.id);
    if (!data) throw bookingErrors.bookingNotFound();
    return data;
  }

  function sendFile(reply: FastifyReply, type: string, filename: string, body: Buffer | string) {
    return (
      reply
        .type(type)
        .header('content-disposition', `attachment; filename="${filename}"`)
        // The file shows an identity: no cache may keep it.
        .header('cache-control', 'no-store')
        .send(body)
    );
  }

  app.get('/rendez-vous/convocation.pdf', { schema: { hide: true } }, async (request, reply) => {
    try {
      const data = await confirmedConvocation(request);
      const pdf = await convocationPdf(deps, data);
      return sendFile(reply, 'application/pdf', `convocation-${data.reference}.pdf`, pdf);
    } catch (error) {
      return sendProblem(web, request, reply, error);
    }
  });

  app.get('/rendez-vous/convocation.ics', { schema: { hide: true } }, async (request, reply) => {
    try {
      const data = await confirmedConvocation(request);
      const ics = convocationIcs(deps, data);
      return sendFile(reply, 'text/calendar; charset=utf-8', `rendez-vous-${data.reference}.ics`, ics);
    } catch (error) {
      return sendProblem(web, request, reply, error);
    }
  });

  // A GET form: the code comes from a QR code as a link to this page. It stays on our own site, and
  // Referrer-Policy: no-referrer keeps it from any other.
  app.get('/verifier', { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const m = messagesFor(convocation, locale);
    const code = field(request.query, 'code', 2000).trim();
    const submitted = (request.query as Record<string, unknown> | undefined)?.code !== undefined;
    const form = html`<form method="get" action="/verifier">
${input({
  name: 'code',
  label: m.codeLabel,
  hint: m.codeHint,
  value: code,
  required: true,
  autocomplete: 'off',
  errors: submitted && code === '' ? [{ field: 'code', code: 'missing', message: m.codeMissing }] : [],
})}
<button class="fr-btn" type="submit">${m.submit}</button>
</form>`;
    let result = html``;
    let title = m.title;
    if (code !== '') {
      const verification = await verifyCode(deps, code);
      if (verification.genuine) {
        const { claims, timezone } = verification;
        title = m.genuineTitle;
        const rows: [string, string][] = [
          [m.labels.reference, claims.reference],
          [m.labels.lastName, claims.lastName],
          [m.labels.firstName, claims.firstName],
          [m.labels.birthDate, claims.birthDate.split('-').reverse().join('/')],
          [m.labels.dateTime, formatDateTime(new Date(claims.startsAt), timezone, locale)],
          [m.labels.office, verification.siteName ?? ''],
        ];
        result = html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h2 class="fr-alert__title">${m.genuineTitle}</h2>
<p>${m.genuineText}</p>
</div>
${verification.current ? '' : html`<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.stale}</p></div>`}
${table(
  m.caption,
  rows.map(([label]) => label),
  [html`<tr>${rows.map(([, value]) => html`<td>${value}</td>`)}</tr>`],
)}`;
      } else {
        title = m.unknownTitle;
        result = html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
<h2 class="fr-alert__title">${m.unknownTitle}</h2>
<p>${m.unknownText}</p>
</div>`;
      }
    }
    reply.header('cache-control', 'no-store');
    return web.sendPage(reply, {
      locale,
      title,
      path: '/verifier',
      main: html`<h1>${m.title}</h1>
${result}
${code === '' ? html`<p>${m.intro}</p>` : html`<h2 class="fr-h4">${m.another}</h2>`}
${form}`,
    });
  });
}
