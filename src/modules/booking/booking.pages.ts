import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../errors.ts';
import { formatInZone } from '../schedule/timezone.ts';
import { html, page } from '../web/html.ts';
import type { Web } from '../web/web.plugin.ts';
import type { BookingDetails } from './booking.repository.ts';
import { cancelBooking, confirmBooking, getBooking, peekConfirmation } from './booking.usecases.ts';

// The pages behind the emailed links. Opening a link never changes anything (mail scanners open
// links): the page shows the appointment and a button; the button POSTs.

function when(details: BookingDetails): string {
  const format = new Intl.DateTimeFormat('fr-FR', {
    timeZone: details.timezone,
    dateStyle: 'full',
    timeStyle: 'short',
  });
  return format.format(details.startsAt);
}

function summary(details: BookingDetails) {
  return html`<dl>
<dt>Référence</dt><dd>${details.reference}</dd>
<dt>Nature</dt><dd>${details.procedureTitle}</dd>
<dt>Date et heure</dt><dd><time datetime="${formatInZone(details.startsAt, details.timezone)}">${when(details)}</time></dd>
<dt>Durée</dt><dd>${details.durationMinutes} mn</dd>
<dt>Lieu</dt><dd>${details.siteName}, ${details.siteAddress}</dd>
<dt>Nom</dt><dd>${details.lastName} ${details.firstName}</dd>
</dl>`;
}

function problem(reply: FastifyReply, error: unknown) {
  if (!(error instanceof AppError)) throw error;
  return reply
    .status(error.status)
    .type('text/html; charset=utf-8')
    .send(page('Lien inutilisable', html`<h1>Lien inutilisable</h1><p>${error.message}</p>`));
}

/** GET/POST /rendez-vous/confirmer and /rendez-vous/gerer. */
export function bookingPages(app: FastifyInstance, ctx: AppContext, _web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
  const tokenQuery = { type: 'object', properties: { token: { type: 'string', maxLength: 200 } } } as const;
  const form = {
    type: 'object',
    properties: { token: { type: 'string', maxLength: 200 }, reference: { type: 'string', maxLength: 20 } },
  } as const;

  app.get(
    '/rendez-vous/confirmer',
    { schema: { hide: true, querystring: tokenQuery } },
    async (request, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      try {
        const details = await peekConfirmation(deps, (request.query as { token?: string }).token ?? '');
        return page(
          'Confirmer votre rendez-vous',
          html`<h1>Confirmer votre rendez-vous</h1>${summary(details)}
<form method="post" action="/rendez-vous/confirmer">
<input type="hidden" name="token" value="${(request.query as { token?: string }).token ?? ''}">
<button type="submit">Confirmer mon rendez-vous</button>
</form>`,
        );
      } catch (error) {
        return problem(reply, error);
      }
    },
  );

  app.post('/rendez-vous/confirmer', { schema: { hide: true, body: form } }, async (request, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    try {
      const result = await confirmBooking(deps, (request.body as { token?: string }).token ?? '');
      return page(
        'Rendez-vous confirmé',
        html`<h1>Votre rendez-vous est confirmé</h1>
<p>Référence ${result.reference}. Votre convocation vous est envoyée par courriel. Présentez-vous 10 minutes en avance.</p>`,
      );
    } catch (error) {
      return problem(reply, error);
    }
  });

  app.get(
    '/rendez-vous/gerer',
    { schema: { hide: true, querystring: tokenQuery } },
    async (request, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      try {
        const details = await getBooking(deps, (request.query as { token?: string }).token ?? '');
        const active = details.status === 'pending' || details.status === 'confirmed';
        return page(
          'Gérer mon rendez-vous',
          html`<h1>Gérer mon rendez-vous</h1>${summary(details)}<p>Statut : ${details.status}</p>
${
  active
    ? html`<form method="post" action="/rendez-vous/annuler">
<input type="hidden" name="token" value="${(request.query as { token?: string }).token ?? ''}">
<input type="hidden" name="reference" value="${details.reference}">
<p>Confirmez-vous la suppression de ce rendez-vous ?</p>
<button type="submit">Oui, je supprime ce rendez-vous</button>
</form>`
    : ''
}`,
        );
      } catch (error) {
        return problem(reply, error);
      }
    },
  );

  app.post('/rendez-vous/annuler', { schema: { hide: true, body: form } }, async (request, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    try {
      await cancelBooking(deps, {
        reference: (request.body as { reference?: string }).reference ?? '',
        token: (request.body as { token?: string }).token ?? '',
      });
      return page(
        'Rendez-vous supprimé',
        html`<h1>Rendez-vous supprimé</h1><p>Vous recevrez par courriel une confirmation d'annulation de rendez-vous.</p>`,
      );
    } catch (error) {
      return problem(reply, error);
    }
  });
}
