import { backOfficeChrome } from '../agents/backoffice.ts';
import { identityForm } from '../journey/journey.components.ts';
import { alert } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { entryMessages } from './entry.messages.ts';
import type { EntryPage } from './entry.usecases.ts';
import { choiceErrors, choiceFields } from './requests.components.ts';
import { requestMessages } from './requests.messages.ts';

// The back office's page to enter a request on someone's behalf: choose the procedure (a GET form),
// then one form with the choices, the identity and the contact.

function procedureChoice(page: PageContext, model: EntryPage): SafeHtml {
  const m = messagesFor(entryMessages, page.locale);
  if (model.procedures.length === 0) return html`<p>${m.noProcedure}</p>`;
  const chosen = model.chosen?.procedure.id;
  return html`<form method="get" action="/agents/demandes/nouvelle" class="fr-mb-4w">
<div class="fr-select-group">
<label class="fr-label" for="demarche">${m.procedure}</label>
<select class="fr-select" id="demarche" name="demarche">
${model.procedures.map((p) => html`<option value="${String(p.id)}"${p.id === chosen ? html` selected` : ''}>${p.title}</option>`)}
</select>
</div>
<button class="fr-btn fr-btn--secondary" type="submit">${m.choose}</button>
</form>`;
}

function languageField(page: PageContext, model: EntryPage): SafeHtml {
  const m = messagesFor(entryMessages, page.locale);
  return html`<div class="fr-select-group">
<label class="fr-label" for="langue">${m.language}</label>
<select class="fr-select" id="langue" name="langue">
${['fr', 'en', 'ar'].map((l) => html`<option value="${l}"${l === model.locale ? html` selected` : ''}>${m.languages[l] ?? l}</option>`)}
</select>
</div>`;
}

function recordedNotice(page: PageContext, recorded: NonNullable<EntryPage['recorded']>): SafeHtml {
  const m = messagesFor(entryMessages, page.locale);
  const receipt = `/demandes/${recorded.label}/recepisse.pdf?token=${recorded.receiptToken}`;
  return html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h2 class="fr-alert__title">${m.recorded(recorded.label)}</h2>
<p>${m.recordedText}</p>
<p><a class="fr-link fr-link--download" href="${receipt}" download>${m.downloadReceipt}</a></p>
</div>`;
}

/** The entry page: what was just recorded, the procedure's choice, then its form. */
export function entryView(page: PageContext, model: EntryPage): PageView {
  const { locale } = page;
  const m = messagesFor(entryMessages, locale);
  const r = messagesFor(requestMessages, locale);
  const errors = choiceErrors(locale, model.errors);
  const refused = model.refused
    ? alert('error', model.refused.code === 'already_booked' ? r.alreadyBooked : model.refused.message)
    : html``;
  const form = model.chosen
    ? identityForm({
        rules: model.chosen.procedure,
        applicant: model.applicant,
        errors,
        csrf: page.csrf,
        locale,
        action: '/agents/demandes/nouvelle',
        hidden: { demarche: String(model.chosen.procedure.id) },
        intro: refused,
        fields: html`${choiceFields({ offices: model.chosen.offices, choices: model.choices, errors, locale })}
${languageField(page, model)}`,
        labels: r.choiceLabels,
        emailHint: m.emailHint,
        submitLabel: m.submit,
      })
    : html``;
  return {
    title: m.title,
    status: model.status,
    ...backOfficeChrome(page, model.principal, 'requests'),
    main: html`<h1>${m.title}</h1>
${model.recorded ? recordedNotice(page, model.recorded) : ''}
<p>${m.intro}</p>
${procedureChoice(page, model)}
${form}`,
  };
}
