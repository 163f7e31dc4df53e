import type { Locale } from '../../db/schema.ts';
import { html, type SafeHtml } from './html.ts';
import { directionOf, localesOf, messagesFor } from './i18n.ts';
import { common } from './web.messages.ts';

/** The main menu of a part of the site (the agents' back office): its entries, the current one marked. */
export interface Navigation {
  items: { label: string; href: string; current?: boolean }[];
}

/** Who is signed in: a name, what they may act on (a site, a département), and how to sign out. */
export interface UserArea {
  name: string;
  scope?: string;
  /** The sign-out form: a POST to `action`, with the page's anti-forgery token. */
  signOut?: { action: string; csrf: string };
}

export interface PageOptions {
  locale: Locale;
  /** The page's own title; the service name follows it. */
  title: string;
  main: SafeHtml;
  /** Path of the page, with its query string when it has one, for the language links. */
  path: string;
  assetsVersion: string;
  /** Extra scripts of the page, by asset name (e.g. 'js/altcha.min.js'); all are modules, none inline. */
  scripts?: string[];
  /** Extra stylesheets of the page, by asset name, with their media (e.g. 'print'). */
  stylesheets?: { name: string; media: string }[];
  /**
   * A path of this site the browser goes on to at once (`<meta http-equiv="refresh">`): a navigation
   * the page itself starts, so same-site, which sends SameSite=Strict cookies that a redirect arriving
   * from another site does not.
   */
  refresh?: string;
  /**
   * Seconds after which a browser without JavaScript loads the page again (a screen on a wall); with
   * JavaScript the page's script keeps it up to date instead (the meta is inside `<noscript>`).
   */
  reloadWithoutScript?: number;
  /** A screen for a room, not a page to browse: no header, menu, language links or footer. */
  bare?: boolean;
  navigation?: Navigation;
  user?: UserArea;
}

/** The same page in another language: its query string kept (a token, a week), only `lang` replaced. */
function inLanguage(path: string, locale: Locale): string {
  const [base = '/', query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', locale);
  return `${base}?${params}`;
}

function languageLinks(locale: Locale, path: string) {
  const m = messagesFor(common, locale);
  return html`<nav class="creneau-languages" aria-label="${m.languageSwitcher}"><ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
${localesOf(path).map(
  (other) =>
    html`<li><a class="fr-btn fr-btn--tertiary-no-outline" lang="${other}" hreflang="${other}" href="${inLanguage(path, other)}"${
      other === locale ? html` aria-current="true"` : ''
    }>${m.languageNames[other]}</a></li>`,
)}
</ul></nav>`;
}

/** The DSFR main menu, under the header's brand: plain links, usable without JavaScript. */
function navigationMenu(locale: Locale, navigation: Navigation | undefined): SafeHtml | string {
  if (!navigation || navigation.items.length === 0) return '';
  const m = messagesFor(common, locale);
  return html`
<div class="fr-header__menu"><div class="fr-container">
<nav class="fr-nav" id="navigation" role="navigation" aria-label="${m.mainNavigation}"><ul class="fr-nav__list">
${navigation.items.map(
  (item) =>
    html`<li class="fr-nav__item"><a class="fr-nav__link" href="${item.href}"${item.current ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
)}
</ul></nav>
</div></div>
`;
}

/** Who is signed in and the sign-out button, in a bar of its own so that a phone shows it too. */
function userBar(locale: Locale, user: UserArea | undefined): SafeHtml | string {
  if (!user) return '';
  const m = messagesFor(common, locale);
  const signOut = user.signOut
    ? html`<form method="post" action="${user.signOut.action}"><input type="hidden" name="_csrf" value="${user.signOut.csrf}"><button class="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-logout-box-r-line fr-btn--icon-left" type="submit">${m.signOut}</button></form>`
    : '';
  return html`
<div class="fr-container creneau-user-bar" role="region" aria-label="${m.userArea}">
<p class="fr-mb-0"><strong>${user.name}</strong>${user.scope ? html` — ${user.scope}` : ''}</p>
${signOut}
</div>`;
}

/**
 * The DSFR page shell: skip links, header (with a main menu when the part of the site has one), the
 * signed-in user's bar when there is one, the language switcher, main, footer; a bare screen has
 * only its main.
 */
export function renderPage(options: PageOptions): string {
  const { locale, title, main, assetsVersion, scripts = [], stylesheets = [] } = options;
  const m = messagesFor(common, locale);
  const asset = (name: string) => `/assets/${assetsVersion}/${name}`;
  const republic = m.republic.split('\n');
  return `<!doctype html>\n${
    html`<html lang="${locale}" dir="${directionOf(locale)}" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${
  options.refresh
    ? html`<meta http-equiv="refresh" content="0;url=${options.refresh}">
`
    : ''
}${
  options.reloadWithoutScript
    ? html`<noscript><meta http-equiv="refresh" content="${String(options.reloadWithoutScript)}"></noscript>
`
    : ''
}<title>${title} — ${m.serviceName}</title>
<link rel="stylesheet" href="${asset('css/creneau.css')}">
${stylesheets.map((sheet) => html`<link rel="stylesheet" media="${sheet.media}" href="${asset(sheet.name)}">`)}
<link rel="icon" href="${asset('dsfr/favicon/favicon.svg')}" type="image/svg+xml">
<script type="module" src="${asset('js/dsfr.module.min.js')}"></script>
${scripts.map((name) => html`<script type="module" src="${asset(name)}"></script>`)}
</head>
<body${options.bare ? html` class="creneau-bare"` : ''}>
${
  options.bare
    ? html`<main id="contenu" tabindex="-1">
${main}
</main>`
    : shell(options, m, republic)
}
</body>
</html>`.value
  }`;
}

/** The header, menu, user bar and language links, main, and footer of every page but a bare screen. */
function shell(options: PageOptions, m: (typeof common)['fr'], republic: string[]): SafeHtml {
  const { locale, main, path } = options;
  return html`<div class="fr-skiplinks"><nav class="fr-container" aria-label="${m.skipToContent}"><ul class="fr-skiplinks__list">
<li><a class="fr-link" href="#contenu">${m.skipToContent}</a></li>
<li><a class="fr-link" href="#pied-de-page">${m.skipToFooter}</a></li>
</ul></nav></div>
<header class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
<div class="fr-header__brand fr-enlarge-link">
<div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">${republic[0]}<br>${republic[1]}</p></div></div>
<div class="fr-header__service">
<a href="/" title="${m.home} — ${m.serviceName}"><p class="fr-header__service-title">${m.serviceName}</p></a>
<p class="fr-header__service-tagline">${m.serviceTagline}</p>
</div>
</div>
</div></div></div>${navigationMenu(locale, options.navigation)}</header>${userBar(locale, options.user)}
<div class="fr-container creneau-languages-bar">${languageLinks(locale, path)}</div>
<main id="contenu" tabindex="-1"><div class="fr-container fr-my-4w">
${main}
</div></main>
<footer class="fr-footer" id="pied-de-page"><div class="fr-container">
<div class="fr-footer__body">
<div class="fr-footer__brand fr-enlarge-link"><a href="/" title="${m.home} — ${m.serviceName}"><p class="fr-logo">${republic[0]}<br>${republic[1]}</p></a></div>
<div class="fr-footer__content"><p class="fr-footer__content-desc">${m.footer.description}</p></div>
</div>
<div class="fr-footer__bottom"><ul class="fr-footer__bottom-list">
<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/rendez-vous/gerer">${m.footer.manage}</a></li>
<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/aide">${m.footer.help}</a></li>
<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/donnees-personnelles">${m.footer.personalData}</a></li>
<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/accessibilite">${m.footer.accessibility}</a></li>
<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales">${m.footer.legal}</a></li>
</ul></div>
</div></footer>
`;
}
