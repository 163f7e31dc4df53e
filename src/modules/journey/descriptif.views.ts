import type { Locale } from '../../db/schema.ts';
import { drawAnnouncement } from '../draw/announcement.components.ts';
import type { DrawAnnouncement } from '../draw/announcement.ts';
import { requestStepper } from '../requests/requests.components.ts';
import { requestMessages } from '../requests/requests.messages.ts';
import { isDraw, isFirstCome } from '../schedule/channels.ts';
import { departmentTitle, offerChannel, stepOnePath } from '../territory/directory.components.ts';
import type {
  DirectoryDepartment,
  DirectoryOffer,
  DirectoryProcedure,
} from '../territory/directory.repository.ts';
import { languageIn, textIn } from '../territory/localized-text.ts';
import { procedureLanguagesIn, procedureTextsIn } from '../territory/procedure-texts.ts';
import { breadcrumb } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, markedText, messagesFor, writtenIn } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { journeyStepper } from './journey.components.ts';
import { journey } from './journey.messages.ts';

/** Everything step 1 shows about a procedure in a département. */
export interface DescriptifPage {
  department: DirectoryDepartment;
  procedure: DirectoryProcedure;
  offers: DirectoryOffer[];
  /** The earliest free slot among the département's booking offers of the procedure. */
  nextFree: { startsAt: Date; siteName: string } | undefined;
  /** Set when step 2 sent the applicant back because the conditions were not accepted. */
  conditionsMissing: boolean;
  /** The draw offers' window collecting requests now, or the next one, when one is announced. */
  drawWindow?: DrawAnnouncement | undefined;
}

// The préfectures' notes on booking offers are often the same for every office: show each text once.
function officeNotes(offers: DirectoryOffer[]): { sites: string[]; text: string }[] {
  const notes = new Map<string, string[]>();
  for (const offer of offers) {
    if (!isFirstCome(offer.channel) || !offer.instructions) continue;
    notes.set(offer.instructions, [...(notes.get(offer.instructions) ?? []), offer.siteName]);
  }
  return [...notes.entries()].map(([text, sites]) => ({ sites, text }));
}

function conditionsForm(
  locale: Locale,
  page: DescriptifPage,
  ways: { bookable: boolean; drawn: boolean },
): SafeHtml {
  const m = messagesFor(journey, locale).descriptif;
  const base = stepOnePath(page.department.code, page.procedure.code);
  // The booking journey first when there is one; the draw's request form as the other button.
  const action = ways.bookable ? `${base}/plage` : `${base}/demande`;
  const submit = ways.bookable ? m.submit : m.requestSubmit;
  const invalid = page.conditionsMissing;
  // What the counter requires is part of what the person accepts: the checkbox's hint says it first.
  const rule = page.procedure.admissionRule;
  return html`<h3>${m.requestHeading}</h3>
${
  invalid
    ? html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p><a href="#conditions">${m.conditionsError}</a></p></div>`
    : ''
}
<form method="get" action="${action}">
<fieldset class="fr-fieldset${invalid ? ' fr-fieldset--error' : ''}" id="conditions-fieldset"${invalid ? html` aria-labelledby="conditions-legend conditions-messages"` : ''}>
<legend class="fr-fieldset__legend fr-sr-only" id="conditions-legend">${m.requestHeading}</legend>
<div class="fr-fieldset__element">
<div class="fr-checkbox-group">
<input type="checkbox" id="conditions" name="conditions" value="acceptees" required aria-describedby="conditions-hint${invalid ? ' conditions-messages' : ''}"${invalid ? html` aria-invalid="true"` : ''}>
<label class="fr-label" for="conditions">${m.conditionsLabel}<span class="fr-hint-text" id="conditions-hint">${rule ? html`${markedText(textIn(rule, locale), languageIn(rule, locale), locale)} ` : ''}${m.conditionsHint}</span></label>
${invalid ? html`<div class="fr-messages-group" id="conditions-messages" aria-live="polite"><p class="fr-message fr-message--error">${m.conditionsError}</p></div>` : ''}
</div>
</div>
</fieldset>
<p class="fr-text--sm"><a class="fr-link" href="/donnees-personnelles">${m.conditionsPrivacy}</a></p>
${
  ways.bookable && ways.drawn
    ? html`<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${submit}</button></li>
<li><button class="fr-btn fr-btn--secondary" type="submit" formaction="${base}/demande">${m.drawSubmit}</button></li>
</ul>`
    : html`<button class="fr-btn" type="submit">${submit}</button>`
}
</form>`;
}

/** How the draw allocates this procedure's appointments, its offices, and its next window if announced. */
function drawSection(locale: Locale, page: DescriptifPage, h: (text: string) => SafeHtml): SafeHtml {
  const m = messagesFor(journey, locale).descriptif;
  const offices = page.offers.filter((offer) => isDraw(offer.channel)).map((offer) => offer.siteName);
  const window = page.drawWindow;
  const zone = page.department.timezone;
  return html`${h(m.drawHeading)}
<p>${m.drawText}</p>
<p>${m.drawOffices} ${offices.join(', ')}</p>
${window ? drawAnnouncement(locale, window, zone) : html`<p>${m.noWindow}</p>`}`;
}

/** Step 1 (Descriptif) of the booking journey: what the procedure is, then the conditions to accept. */
export function descriptifView({ locale }: PageContext, page: DescriptifPage): PageView {
  const j = messagesFor(journey, locale);
  const m = j.descriptif;
  const { department, procedure, offers, nextFree } = page;
  // The préfecture's English (or Arabic) texts where it wrote them, French for the others.
  const texts = procedureTextsIn(procedure, locale);
  const written = procedureLanguagesIn(procedure, locale);
  const as = (key: keyof typeof written) => writtenIn(written[key], locale);
  const bookable = offers.some((offer) => isFirstCome(offer.channel));
  const drawn = offers.some((offer) => isDraw(offer.channel));
  // Either way is a journey of five steps, led by the stepper; the other channels give instructions.
  const requestable = bookable || drawn;
  const others = offers.filter((offer) => !isFirstCome(offer.channel) && !isDraw(offer.channel));
  const steps = bookable ? j.steps : messagesFor(requestMessages, locale).steps;
  const notes = officeNotes(offers);
  // Under the stepper (an h2) the sections are h3; without it they are h2.
  const h = (text: string, level = requestable ? 3 : 2) => html`<h${level}>${text}</h${level}>`;
  const main = html`${breadcrumb(j.breadcrumb, [
    { label: j.home, href: '/' },
    { label: departmentTitle(locale, department), href: `/departements/${department.code}` },
    { label: markedText(texts.title, written.title, locale) },
  ])}
<h1${as('title')}>${texts.title}</h1>
${bookable ? journeyStepper(locale, 1) : drawn ? requestStepper(locale, 1) : ''}
<div class="fr-alert fr-alert--warning fr-mb-4w">
<p class="fr-alert__title">${m.warningTitle}</p>
<p>${m.warning}</p>
</div>
${h(m.descriptionHeading)}
<p${as('description')}>${texts.description}</p>
<p>${m.duration(procedure.durationMinutes)}</p>
${h(m.audienceHeading)}
<p${as('audience')}>${texts.audience}</p>
${h(m.documentsHeading)}
<ul${as('documents')}>${texts.documents.map((document) => html`<li>${document}</li>`)}</ul>
<p class="fr-text--sm creneau-no-print">${m.printHint}</p>
${h(m.feesHeading)}
<p${as('fees')}>${texts.fees}</p>
${
  procedure.arrivalAdvice
    ? html`${h(m.arrivalAdviceHeading)}
<p${writtenIn(languageIn(procedure.arrivalAdvice, locale), locale)}>${textIn(procedure.arrivalAdvice, locale)}</p>`
    : ''
}
${
  bookable
    ? html`${h(m.nextFreeHeading)}
<p>${nextFree ? m.nextFreeAt(formatDateTime(nextFree.startsAt, department.timezone, locale), nextFree.siteName) : m.noFreeSlot}</p>
${nextFree ? '' : html`<p>${m.noSlotAdvice}</p>`}`
    : ''
}
${drawn ? drawSection(locale, page, h) : ''}
${
  notes.length > 0
    ? html`${h(m.officeNotesHeading)}
${notes.map((note) => html`<p${writtenIn('fr', locale)}><strong>${note.sites.join(', ')}</strong> — ${note.text}</p>`)}`
    : ''
}
${
  requestable
    ? html`${h(m.stepsHeading)}
<ol>${steps.map((title) => html`<li>${title}</li>`)}</ol>
${conditionsForm(locale, page, { bookable, drawn })}`
    : ''
}
${
  others.length > 0
    ? html`${h(m.howToHeading)}
${requestable ? '' : html`<p>${m.notBookable}</p>`}
${others.map((offer) => html`${h(offer.siteName, requestable ? 4 : 3)}${offerChannel(locale, offer)}`)}`
    : ''
}
<p class="fr-mt-4w"><a class="fr-link" href="/rendez-vous/gerer">${m.manage}</a></p>`;
  return {
    // The DSFR error pattern: the page title says first that the form needs fixing.
    title: page.conditionsMissing ? `${messagesFor(common, locale).errorPrefix} ${texts.title}` : texts.title,
    main,
  };
}
