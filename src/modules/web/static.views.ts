import { help } from './help.messages.ts';
import { html, type SafeHtml } from './html.ts';
import { messagesFor } from './i18n.ts';
import { type Section, type StaticPage, staticContent } from './static.messages.ts';
import type { PageContext, PageView } from './web.plugin.ts';

// The personal data (RGPD), accessibility (RGAA), legal notice and help pages: text of the catalogs.

const LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Text of the catalogs with its `[text](url)` links made into anchors; everything else is escaped. */
export function richText(text: string): SafeHtml {
  const parts: (string | SafeHtml)[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const [whole, label, href] = match;
    parts.push(text.slice(last, match.index));
    const external = /^https?:/.test(href ?? '');
    parts.push(html`<a class="fr-link" href="${href}"${external ? html` rel="noopener"` : ''}>${label}</a>`);
    last = match.index + whole.length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}

function anchor(index: number): string {
  return `question-${index + 1}`;
}

function section(part: Section, level: 2 | 3, id?: string): SafeHtml {
  return html`<h${level}${id ? html` id="${id}"` : ''}>${part.heading}</h${level}>
${(part.paragraphs ?? []).map((p) => html`<p>${richText(p)}</p>`)}
${part.items ? html`<ul>${part.items.map((item) => html`<li>${richText(item)}</li>`)}</ul>` : ''}
${(part.after ?? []).map((p) => html`<p>${richText(p)}</p>`)}`;
}

/** Which information page: the catalog's key. */
export type StaticPageName = 'privacy' | 'accessibility' | 'legal';

/** An information page of the catalogs, in the page's language. */
export function staticPageView(page: PageContext, name: StaticPageName): PageView {
  const content: StaticPage = messagesFor(staticContent, page.locale)[name];
  return {
    title: content.title,
    main: html`<h1>${content.title}</h1>
${content.intro.map((p) => html`<p class="fr-text--lead">${richText(p)}</p>`)}
${content.sections.map((part) => section(part, 2))}`,
  };
}

// Plain headings rather than an accordion: every answer stays readable without JavaScript, and the
// contents list lets a phone user jump to a question.
/** The help page: a contents list, then every question under its theme. */
export function helpView(page: PageContext): PageView {
  const m = messagesFor(help, page.locale);
  let index = 0;
  const numbered = m.groups.map((group) => ({
    heading: group.heading,
    questions: group.questions.map((question) => ({ question, id: anchor(index++) })),
  }));
  const main = html`<h1>${m.title}</h1>
${m.intro.map((p) => html`<p class="fr-text--lead">${richText(p)}</p>`)}
<nav class="fr-summary fr-mb-6w" aria-labelledby="sommaire-titre">
<h2 class="fr-summary__title" id="sommaire-titre">${m.contentsHeading}</h2>
<ol class="fr-summary__list">${numbered.map(
    (group) => html`<li><span class="fr-text--bold">${group.heading}</span>
<ol class="fr-summary__list">${group.questions.map(
      ({ question, id }) => html`<li><a class="fr-summary__link" href="#${id}">${question.heading}</a></li>`,
    )}</ol></li>`,
  )}</ol>
</nav>
${numbered.map(
  (group) => html`<h2 class="fr-mt-6w">${group.heading}</h2>
${group.questions.map(({ question, id }) => section(question, 3, id))}`,
)}`;
  return { title: m.title, main };
}
