import { messagesFor } from '../web/i18n.ts';
import type { Navigation, UserArea } from '../web/layout.ts';
import type { PageContext } from '../web/web.plugin.ts';
import { backOffice } from './backoffice.messages.ts';
import { coverageOf, isEmpty, type Permission, type Principal } from './permissions.ts';

/** One entry of the back office's menu, shown to those who hold its permission somewhere. */
interface MenuEntry {
  key: keyof (typeof backOffice)['fr']['nav'];
  href: string;
  permission?: Permission;
}

const MENU: readonly MenuEntry[] = [
  { key: 'home', href: '/agents' },
  { key: 'configuration', href: '/agents/services', permission: 'site.configure' },
  { key: 'requests', href: '/agents/demandes/nouvelle', permission: 'request.enter' },
  { key: 'draws', href: '/agents/tirages', permission: 'draw.manage' },
  { key: 'agenda', href: '/agents/agenda', permission: 'agenda.read' },
  { key: 'checkIn', href: '/agents/accueil', permission: 'booking.check_in' },
  { key: 'queue', href: '/agents/file', permission: 'booking.check_in' },
  { key: 'counter', href: '/agents/mon-guichet', permission: 'booking.check_in' },
  { key: 'permits', href: '/agents/retraits', permission: 'permit.manage' },
  { key: 'stats', href: '/agents/statistiques', permission: 'stats.read' },
  { key: 'revocations', href: '/agents/annulations', permission: 'booking.revoke' },
  { key: 'fraud', href: '/agents/signalements', permission: 'fraud.review' },
  { key: 'agents', href: '/agents/comptes', permission: 'agent.manage' },
  { key: 'audit', href: '/agents/journal', permission: 'audit.read' },
  { key: 'account', href: '/agents/compte' },
];

export type MenuKey = MenuEntry['key'];

/** The menu and the user bar of every back-office page, `current` marked. */
export function backOfficeChrome(
  page: PageContext,
  principal: Principal,
  current: MenuKey,
): { navigation: Navigation; user: UserArea } {
  const m = messagesFor(backOffice, page.locale);
  const items = MENU.filter(
    (entry) => !entry.permission || !isEmpty(coverageOf(principal, entry.permission)),
  ).map((entry) => ({ label: m.nav[entry.key], href: entry.href, current: entry.key === current }));
  const scopes = principal.grants.map((grant) => `${m.roles[grant.role]} (${m.scope(grant.scope)})`);
  return {
    navigation: { items },
    user: {
      name: principal.name,
      ...(scopes.length > 0 ? { scope: scopes.join(', ') } : {}),
      signOut: { action: '/agents/deconnexion', csrf: page.csrf },
    },
  };
}
