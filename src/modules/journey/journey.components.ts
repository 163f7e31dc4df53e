import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import type { ApplicantInput, ProcedureRules } from '../booking/applicant.ts';
import type { JourneySlot, listOtherChannels } from '../booking/journey.repository.ts';
import type { Office, WeekSlot } from '../schedule/week.repository.ts';
import { procedureTitleIn, procedureTitleLanguage } from '../territory/procedure-texts.ts';
import { csrfField, errorSummary, input, stepper } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, markedText, messagesFor, writtenIn } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import { APPLICANT_FIELDS } from './journey.input.ts';
import { journey } from './journey.messages.ts';

// The parts of the journey's pages (steps 1 to 5). Every value goes through `html`, which escapes it.

/** The DSFR stepper of the journey at step `n` (1 to 5), in the page's language. */
export function journeyStepper(locale: Locale, n: number): SafeHtml {
  const m = messagesFor(journey, locale);
  return stepper({ current: n, titles: m.steps, stateLabel: m.stepState(n), nextLabel: m.nextStep });
}

/** Hidden inputs carrying the journey's data from one POST step to the next. */
export function hiddenFields(fields: Record<string, string | undefined>): SafeHtml {
  return html`${Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

/** The local date and time of an instant, with a machine-readable `<time>`. */
export function when(instant: Date, zone: string, locale: Locale): SafeHtml {
  return html`<time datetime="${instant.toISOString()}">${formatDateTime(instant, zone, locale)}</time>`;
}

/** The offices offering the procedure, each a link to its week of slots, the chosen one marked. */
export function officeList(
  offices: Office[],
  chosen: number | undefined,
  hrefOf: (siteId: number) => string,
  zone: string,
  locale: Locale,
): SafeHtml {
  const m = messagesFor(journey, locale);
  return html`<ul class="creneau-offices">${offices.map(
    (office) =>
      html`<li><a class="fr-link" href="${hrefOf(office.siteId)}"${
        office.siteId === chosen ? html` aria-current="true"` : ''
      }>${office.name}</a><br><span class="fr-hint-text">${markedText(office.address, 'fr', locale)} — ${
        office.nextFree
          ? m.nextFree(formatDateTime(office.nextFree, zone, locale, { date: 'full', time: 'short' }))
          : m.noneFree
      }</span></li>`,
  )}</ul>`;
}

/** The free slots of one week as native radios, one fieldset per day whose legend is the local date. */
export function weekSlots(
  days: { date: string; slots: WeekSlot[] }[],
  zone: string,
  locale: Locale,
): SafeHtml {
  const m = messagesFor(journey, locale);
  return html`${days.map(({ date: day, slots: daySlots }) => {
    const first = daySlots[0] as WeekSlot;
    return html`<fieldset class="fr-fieldset creneau-day" id="jour-${day}" aria-labelledby="jour-${day}-legend">
<legend class="fr-fieldset__legend fr-text--lead" id="jour-${day}-legend">${formatDateTime(first.startsAt, zone, locale, { date: 'full' })}</legend>
${daySlots.map(
  (
    slot,
  ) => html`<div class="fr-fieldset__element fr-fieldset__element--inline creneau-time"><div class="fr-radio-group">
<input type="radio" id="plage-${slot.id}" name="slotId" value="${slot.id}" required>
<label class="fr-label" for="plage-${slot.id}">${formatDateTime(slot.startsAt, zone, locale, { time: 'short' })}<span class="fr-hint-text">${m.seats(slot.remaining)}</span></label>
</div></div>`,
)}
</fieldset>`;
  })}`;
}

/** Where the procedure can be done without booking online: post, email, counter, another website. */
export function otherChannels(
  channels: Awaited<ReturnType<typeof listOtherChannels>>,
  locale: Locale,
): SafeHtml {
  const m = messagesFor(journey, locale);
  if (channels.length === 0) return html``;
  return html`<h2 class="fr-h4">${m.otherChannels}</h2>
${channels.map(
  (c) => html`<div class="fr-callout fr-mb-3w">
<h3 class="fr-callout__title fr-h6">${m.channelNames[c.channel] ?? c.channel} — ${c.siteName}</h3>
${c.instructions ? html`<p class="fr-callout__text"${writtenIn('fr', locale)}>${c.instructions}</p>` : ''}
${c.postalAddress ? html`<p>${m.postalAddress} ${c.postalAddress}</p>` : ''}
${c.contactEmail ? html`<p>${m.contactEmail} <a href="mailto:${c.contactEmail}">${c.contactEmail}</a></p>` : ''}
${c.url && /^https?:\/\//.test(c.url) ? html`<p><a class="fr-link" href="${c.url}" rel="noopener">${m.link}</a></p>` : ''}
<p class="fr-text--sm">${m.updatedOn(c.updatedOn.split('-').reverse().join('/'))}</p>
</div>`,
)}`;
}

/** The procedure's title of a slot in the page's language (French when not translated). */
export function slotTitle(slot: JourneySlot, locale: Locale): string {
  return procedureTitleIn(slot.procedureTitle, slot.procedureTranslations, locale);
}

/** The attributes of an element holding `slotTitle`: French on another language's page when not translated. */
export function slotTitleWrittenIn(slot: JourneySlot, locale: Locale): SafeHtml | '' {
  return writtenIn(procedureTitleLanguage(slot.procedureTranslations, locale), locale);
}

/** `slotTitle` inside a sentence or a list: marked as French on another language's page when not translated. */
export function markedSlotTitle(slot: JourneySlot, locale: Locale): SafeHtml | string {
  return markedText(
    slotTitle(slot, locale),
    procedureTitleLanguage(slot.procedureTranslations, locale),
    locale,
  );
}

/** The chosen slot, as shown from step 3 on. */
export function slotSummary(slot: JourneySlot, locale: Locale): SafeHtml {
  const m = messagesFor(journey, locale);
  return html`<div class="fr-callout fr-mb-4w">
<h2 class="fr-callout__title fr-h6">${m.yourSlot}</h2>
<p class="fr-callout__text">${markedSlotTitle(slot, locale)}<br>${when(slot.startsAt, slot.timezone, locale)}<br>${markedText(`${slot.siteName}, ${slot.siteAddress}`, 'fr', locale)}</p>
</div>`;
}

/** The applicant's fields as hidden inputs, to carry them to the next POST. */
export function applicantHidden(applicant: ApplicantInput): SafeHtml {
  const fields: Record<string, string | undefined> = {};
  for (const name of APPLICANT_FIELDS) fields[`applicant.${name}`] = applicant[name];
  return hiddenFields(fields);
}

/** Step 4's form: the fields the procedure requires, the error summary, the relative's explanation. */
export function applicantForm(options: {
  slot: JourneySlot;
  applicant: ApplicantInput;
  errors: FieldError[];
  altcha: string | undefined;
  csrf: string;
  locale: Locale;
}): SafeHtml {
  const { slot, locale } = options;
  const m = messagesFor(journey, locale);
  return identityForm({
    ...options,
    rules: slot,
    action: '/rendez-vous/coordonnees',
    hidden: { slotId: String(slot.slotId), altcha: options.altcha },
    intro: html`${slotSummary(slot, locale)}
<div class="fr-callout fr-callout--blue-cumulus fr-mb-4w">
<h2 class="fr-callout__title fr-h6">${m.forRelativeTitle}</h2>
<p class="fr-callout__text fr-text--sm">${m.forRelativeText}</p>
</div>`,
  });
}

/**
 * The identity and contact fields a procedure requires, as a form posting to `action` with `hidden`
 * fields and the `intro` shown above it: step 4 of the booking and of the request journeys alike.
 */
export function identityForm(options: {
  rules: Pick<ProcedureRules, 'requiresForeignerNumber' | 'requiresTitleExpiry' | 'requiresPostalCode'>;
  applicant: ApplicantInput;
  errors: FieldError[];
  csrf: string;
  locale: Locale;
  action: string;
  hidden: Record<string, string | undefined>;
  intro: SafeHtml;
  /** What the email address is for, when not the booking's confirmation link. */
  emailHint?: string;
  /** Fields of the form before the identity (the back office's choices), their errors already worded. */
  fields?: SafeHtml;
  /** The labels of those fields, for the error summary. */
  labels?: Record<string, string>;
  submitLabel?: string;
}): SafeHtml {
  const { rules, applicant, locale, csrf } = options;
  const m = messagesFor(journey, locale);
  const c = messagesFor(common, locale);
  const errors = options.errors.map((e) =>
    e.field.startsWith('applicant.') ? { ...e, message: m.fieldError(e) } : e,
  );
  const field = (
    name: (typeof APPLICANT_FIELDS)[number],
    extra: Partial<Parameters<typeof input>[0]> = {},
  ): SafeHtml =>
    input({
      name: `applicant.${name}`,
      label: m.labels[`applicant.${name}`] ?? name,
      value: applicant[name] ?? '',
      errors,
      required: true,
      ...extra,
    });
  return html`${errorSummary(locale, errors, { ...m.labels, ...options.labels })}
${options.intro}
<form method="post" action="${options.action}" novalidate>
${csrfField(csrf)}
${hiddenFields(options.hidden)}
<p class="fr-hint-text">${m.requiredNote}</p>
${options.fields ?? ''}
<fieldset class="fr-fieldset" aria-describedby="identite-aide">
<legend class="fr-fieldset__legend">${m.identity}<span class="fr-hint-text" id="identite-aide">${m.identityHint}</span></legend>
<div class="fr-fieldset__element">${field('lastName', { autocomplete: 'family-name' })}</div>
<div class="fr-fieldset__element">${field('firstName', { autocomplete: 'given-name' })}</div>
<div class="fr-fieldset__element">${field('birthDate', { type: 'date', autocomplete: 'bday', hint: m.hints.birthDate })}</div>
${rules.requiresForeignerNumber ? html`<div class="fr-fieldset__element">${field('foreignerNumber', { inputmode: 'numeric', autocomplete: 'off', hint: m.hints.foreignerNumber })}</div>` : ''}
${rules.requiresTitleExpiry ? html`<div class="fr-fieldset__element">${field('titleExpiry', { type: 'date', autocomplete: 'off', hint: m.hints.titleExpiry })}</div>` : ''}
${rules.requiresPostalCode ? html`<div class="fr-fieldset__element">${field('postalCode', { inputmode: 'numeric', autocomplete: 'postal-code', hint: m.hints.postalCode })}</div>` : ''}
</fieldset>
${field('email', { type: 'email', autocomplete: 'email', hint: options.emailHint ?? m.hints.email })}
${field('phone', { type: 'tel', autocomplete: 'tel', hint: m.hints.phone, required: false, optionalLabel: c.optional })}
<button class="fr-btn" type="submit" name="action" value="verifier">${options.submitLabel ?? m.check}</button>
</form>`;
}
