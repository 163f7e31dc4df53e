import { backOffice } from '../agents/backoffice.messages.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import type { DrawWindow } from '../draw/calendar.ts';
import { shortDate } from '../territory/directory.components.ts';
import { breadcrumb, csrfField, errorSummary, input } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { calendarFieldMessage, drawCalendarTexts } from './draw-calendar.messages.ts';
import type { CalendarFormPage } from './draw-calendar.screens.ts';
import { checkboxField } from './offices.components.ts';
import { offices } from './offices.messages.ts';

type Texts = (typeof drawCalendarTexts)['fr'];

function windowLine(m: Texts, page: PageContext, zone: string, title: string, window: DrawWindow): SafeHtml {
  const at = (instant: Date) => formatDateTime(instant, zone, page.locale);
  const text = m.window(
    at(window.opensAt),
    at(window.closesAt),
    shortDate(window.slotsFrom),
    shortDate(window.slotsTo),
  );
  return html`<li><strong>${title}</strong> — ${text}</li>`;
}

function windowsSection(m: Texts, page: PageContext, model: CalendarFormPage): SafeHtml | string {
  const windows = model.windows;
  if (!windows) return model.exists ? '' : html`<p>${m.none}</p>`;
  const zone = model.offer.timezone;
  return html`<h2 class="fr-h5">${m.windowsHeading}</h2>
<ul>${windows.current ? windowLine(m, page, zone, m.current, windows.current) : ''}${windowLine(m, page, zone, m.next, windows.next)}</ul>`;
}

/** A draw offer's calendar: the coming windows, then the form with each field's error. */
export function calendarFormView(page: PageContext, model: CalendarFormPage): PageView {
  const m = messagesFor(drawCalendarTexts, page.locale);
  const o = messagesFor(offices, page.locale);
  const errors = model.errors.map((e) => ({
    ...e,
    message: calendarFieldMessage(page.locale, e.code, e.params),
  }));
  const title = m.title(model.offer.procedureTitle);
  const offerPath = `/agents/services/${model.site.id}/offres/${model.offer.id}`;
  const field = (name: keyof Texts['labels'], type: 'date' | 'time' | 'number') =>
    input({
      name,
      type,
      label: m.labels[name],
      hint: m.hints[name],
      value: model.values[name] ?? '',
      required: true,
      errors,
      ...(type === 'number' ? { inputmode: 'numeric' as const } : {}),
    });
  const main = html`${breadcrumb(o.form.breadcrumb, [
    { label: messagesFor(backOffice, page.locale).nav.home, href: '/agents' },
    { label: o.list.title, href: '/agents/services' },
    { label: model.site.name, href: `/agents/services/${model.site.id}` },
    { label: model.offer.procedureTitle, href: offerPath },
    { label: m.crumb },
  ])}
<h1>${title}</h1>
<p>${m.site(model.site.name)}</p>
${model.saved ? html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status"><p>${m.saved}</p></div>` : ''}
${errorSummary(page.locale, errors, m.labels)}
<p>${m.intro}</p>
${windowsSection(m, page, model)}
<form method="post" action="${offerPath}/tirages" novalidate>
${csrfField(page.csrf)}
${field('firstOpensOn', 'date')}
${field('opensAt', 'time')}
${field('windowDays', 'number')}
${field('closesAt', 'time')}
${field('periodDays', 'number')}
${field('leadDays', 'number')}
${checkboxField({ locale: page.locale, values: model.values, errors: [] }, { name: 'active', label: m.labels.active, hint: m.hints.active })}
<p class="fr-text--sm">${m.announced}</p>
<button class="fr-btn" type="submit">${m.save}</button>
</form>`;
  return {
    title: errors.length > 0 ? `${messagesFor(common, page.locale).errorPrefix} ${title}` : title,
    ...backOfficeChrome(page, model.principal, 'configuration'),
    main,
    ...(model.status ? { status: model.status } : {}),
  };
}
