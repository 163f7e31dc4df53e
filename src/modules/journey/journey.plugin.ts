import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import type { Locale } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { localDate } from '../schedule/timezone.ts';
import { altchaWidget, csrfField } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { common } from '../web/messages/common.ts';
import { journey } from '../web/messages/journey.ts';
import type { Web } from '../web/web.plugin.ts';
import { validateApplicant } from './applicant.ts';
import { bookSlot } from './booking.usecases.ts';
import {
  alert,
  applicantForm,
  applicantFromBody,
  applicantHidden,
  hiddenFields,
  journeyStepper,
  slotSummary,
  when,
} from './journey.components.ts';
import { type Body, bookable, DATE, type StepError, slotChoiceUrl, slotIdOf, text } from './journey.input.ts';
import { findJourneySlot, type JourneySlot } from './journey.repository.ts';
import { slotChoicePage } from './journey.slot-choice.ts';

// Steps 2 to 5 of the booking journey (PRODUCT §4.3). Step 2 is a GET (navigation only: office and
// week); from step 3 on, everything travels in hidden fields of POST forms, so that no personal data
// ever appears in a URL. Only the last POST writes anything: steps 3 and 4 say `write: false`, so they
// spend no write budget (decision 0011).

/** GET step 2 and the POST steps 3, 4 and 5 of the booking journey. */
export function journeyPages(app: FastifyInstance, ctx: AppContext, web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    locale: Locale,
    title: string,
    main: SafeHtml,
    options: { status?: number; scripts?: string[] } = {},
  ) => web.sendPage(reply, { locale, title, main, path: request.url.split('?')[0] ?? '/', ...options });

  /** Step 2 again with a message, when the chosen slot went away. */
  const backToSlots = (reply: FastifyReply, slot: JourneySlot, error: StepError) =>
    reply.redirect(slotChoiceUrl(slot.departmentCode, slot.procedureCode, { site: slot.siteId, error }), 303);

  /** The slot a POST step is about, or the answer that sends the person back to choose another. */
  async function loadSlot(request: FastifyRequest, reply: FastifyReply, locale: Locale) {
    const body = (request.body ?? {}) as Body;
    const id = slotIdOf(body);
    const slot = id === undefined ? undefined : await findJourneySlot(ctx.db, id);
    if (slot && bookable(slot, ctx.clock.now())) return { slot, body };
    if (slot) {
      const full = slot.channel === 'booking' && slot.startsAt > ctx.clock.now();
      return { answer: backToSlots(reply, slot, full ? 'prise' : 'indisponible') };
    }
    const department = text(body, 'departement');
    const procedure = text(body, 'demarche');
    if (
      department &&
      procedure &&
      /^[0-9A-Za-z]{2,3}$/.test(department) &&
      /^[a-z0-9-]{1,100}$/.test(procedure)
    ) {
      const site = Number(text(body, 'site'));
      return {
        answer: reply.redirect(
          slotChoiceUrl(department, procedure, {
            site: Number.isSafeInteger(site) && site > 0 ? site : undefined,
            week: DATE.test(text(body, 'semaine') ?? '') ? text(body, 'semaine') : undefined,
            error: 'choix',
          }),
          303,
        ),
      };
    }
    return { answer: restart(request, reply, locale, 400) };
  }

  function restart(request: FastifyRequest, reply: FastifyReply, locale: Locale, status = 200) {
    const m = messagesFor(journey, locale);
    return page(
      request,
      reply,
      locale,
      m.restartTitle,
      html`<h1>${m.restartTitle}</h1><p>${m.restartText}</p><p><a class="fr-link" href="/">${m.restartLink}</a></p>`,
      { status },
    );
  }

  slotChoicePage(app, ctx, web);

  // A POST step opened by its address (language switch, bookmark, back button): start again.
  for (const path of ['/rendez-vous/securite', '/rendez-vous/coordonnees', '/rendez-vous/valider']) {
    app.get(path, { schema: { hide: true } }, async (request, reply) =>
      restart(request, reply, web.locale(request, reply)),
    );
  }

  // Step 3: Contrôle de sécurité.
  const securityStep = (
    request: FastifyRequest,
    reply: FastifyReply,
    locale: Locale,
    slot: JourneySlot,
    failed = false,
  ) => {
    const m = messagesFor(journey, locale);
    const c = messagesFor(common, locale);
    const widget = ctx.captcha.enabled
      ? html`<p>${m.securityIntro}</p>
<noscript>${alert('warning', m.noScript)}</noscript>
${altchaWidget(locale)}`
      : alert('info', m.captchaOff);
    return page(
      request,
      reply,
      locale,
      m.steps[2] ?? '',
      html`<h1 class="fr-h3">${slot.procedureTitle}</h1>
${journeyStepper(m, 3)}
${failed ? alert('error', m.captchaFailed) : ''}
${slotSummary(slot, locale)}
<form method="post" action="/rendez-vous/coordonnees">
${csrfField(web.csrfToken(request, reply))}
${hiddenFields({ slotId: String(slot.slotId) })}
${widget}
<button class="fr-btn" type="submit">${c.continue}</button>
</form>`,
      { status: failed ? 403 : 200, scripts: ctx.captcha.enabled ? ['js/altcha.min.js'] : [] },
    );
  };

  app.post(
    '/rendez-vous/securite',
    { config: { write: false }, schema: { hide: true } },
    async (request, reply) => {
      const locale = web.locale(request, reply);
      const loaded = await loadSlot(request, reply, locale);
      if (!loaded.slot) return loaded.answer;
      return securityStep(request, reply, locale, loaded.slot);
    },
  );

  // Step 4: Coordonnées personnelles; step 5 (Valider et terminer) once the fields are valid.
  const detailsStep = (
    request: FastifyRequest,
    reply: FastifyReply,
    locale: Locale,
    slot: JourneySlot,
    body: Body,
    errors: FieldError[],
  ) => {
    const m = messagesFor(journey, locale);
    return page(
      request,
      reply,
      locale,
      errors.length > 0 ? `${messagesFor(common, locale).errorPrefix} ${m.steps[3]}` : (m.steps[3] ?? ''),
      html`<h1 class="fr-h3">${slot.procedureTitle}</h1>
${journeyStepper(m, 4)}
${applicantForm({
  slot,
  applicant: applicantFromBody(body),
  errors,
  altcha: text(body, 'altcha'),
  csrf: web.csrfToken(request, reply),
  locale,
})}`,
      { status: errors.length > 0 ? 422 : 200 },
    );
  };

  const validate = (slot: JourneySlot, body: Body) =>
    validateApplicant(
      applicantFromBody(body),
      slot,
      slot.departmentCode,
      localDate(ctx.clock.now(), slot.timezone),
    );

  app.post(
    '/rendez-vous/coordonnees',
    { config: { write: false }, schema: { hide: true } },
    async (request, reply) => {
      const locale = web.locale(request, reply);
      const loaded = await loadSlot(request, reply, locale);
      if (!loaded.slot) return loaded.answer;
      const { slot, body } = loaded;
      if (text(body, 'action') !== 'verifier') return detailsStep(request, reply, locale, slot, body, []);
      const result = validate(slot, body);
      if (!result.ok) return detailsStep(request, reply, locale, slot, body, result.fields);

      const m = messagesFor(journey, locale);
      const a = result.applicant;
      const row = (label: string, value: SafeHtml | string | null) =>
        value ? html`<div class="creneau-summary-row"><dt>${label}</dt><dd>${value}</dd></div>` : '';
      return page(
        request,
        reply,
        locale,
        m.steps[4] ?? '',
        html`<h1 class="fr-h3">${slot.procedureTitle}</h1>
${journeyStepper(m, 5)}
<h2 class="fr-h4">${m.summaryTitle}</h2>
<dl class="creneau-summary fr-mb-4w">
${row(m.procedure, slot.procedureTitle)}
${row(m.office, `${slot.siteName}, ${slot.siteAddress}`)}
${row(m.dateTime, when(slot.startsAt, slot.timezone, locale))}
${row(m.duration, m.minutes(slot.durationMinutes))}
${row(m.identity, `${a.lastName} ${a.firstName}`)}
${row(m.birthDate, formatDateTime(new Date(`${a.birthDate}T12:00:00Z`), 'UTC', locale, { date: 'long' }))}
${row(m.foreignerNumber, a.foreignerNumber)}
${row(m.titleExpiry, a.titleExpiry ? formatDateTime(new Date(`${a.titleExpiry}T12:00:00Z`), 'UTC', locale, { date: 'long' }) : null)}
${row(m.postalCode, a.postalCode)}
${row(m.email, a.email)}
${row(m.phone, a.phone)}
</dl>
<p>${m.holdNotice(ctx.config.holdMinutes)}</p>
<form method="post" action="/rendez-vous/valider">
${csrfField(web.csrfToken(request, reply))}
${hiddenFields({ slotId: String(slot.slotId), altcha: text(body, 'altcha') })}
${applicantHidden(applicantFromBody(body))}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${m.submit}</button></li>
<li><button class="fr-btn fr-btn--secondary" type="submit" formaction="/rendez-vous/coordonnees" name="action" value="modifier">${m.modify}</button></li>
</ul>
</form>`,
      );
    },
  );

  // Step 5's button: the only write of the journey.
  app.post('/rendez-vous/valider', { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const m = messagesFor(journey, locale);
    const loaded = await loadSlot(request, reply, locale);
    if (!loaded.slot) return loaded.answer;
    const { slot, body } = loaded;
    // Checked before the proof of work is spent, so that a typo does not cost a new check.
    const result = validate(slot, body);
    if (!result.ok) return detailsStep(request, reply, locale, slot, body, result.fields);
    if (!(await ctx.captcha.verify(text(body, 'altcha')))) {
      return securityStep(request, reply, locale, slot, true);
    }
    try {
      const booking = await bookSlot(deps, {
        slotId: Number(slot.slotId),
        applicant: applicantFromBody(body),
        locale,
      });
      const deadline = formatDateTime(booking.holdExpiresAt, slot.timezone, locale, {
        date: 'full',
        time: 'short',
      });
      return page(
        request,
        reply,
        locale,
        m.resultTitle,
        html`<h1>${m.resultTitle}</h1>
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.resultEmail(result.applicant.email)}</p><p><strong>${m.resultDeadline(deadline)}</strong></p></div>
<p>${m.resultSpam}</p>
${slotSummary(slot, locale)}
<p>${m.reference} : <strong>${booking.reference}</strong></p>
<p><a class="fr-link" href="/rendez-vous/gerer">${m.manageLink}</a></p>`,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'slot_full') return backToSlots(reply, slot, 'prise');
      if (error.fields?.some((f) => f.field === 'slotId')) return backToSlots(reply, slot, 'indisponible');
      if (error.fields) return detailsStep(request, reply, locale, slot, body, error.fields);
      const message =
        error.code === 'already_booked'
          ? m.alreadyBooked
          : error.code === 'email_limit'
            ? m.emailLimit(ctx.config.maxActivePerEmail)
            : error.message;
      return page(
        request,
        reply,
        locale,
        m.refusedTitle,
        html`<h1>${m.refusedTitle}</h1>${alert('error', message)}
<p><a class="fr-link" href="/rendez-vous/gerer">${m.manageLink}</a></p>`,
        { status: error.status },
      );
    }
  });
}
