import { findLatestContact, upsertAccessToken } from '../../booking/manage.repository.ts';
import { hashToken } from '../../booking/tokens.ts';
import { renderEmail } from '../email-layout.ts';
import { defineNotifier, skip } from '../notifier.ts';

/** An emailed link to the manage page is good for a day from when it is sent: long enough to act. */
const ACCESS_TOKEN_HOURS = 24;

/**
 * The link to every booking of an address, decided when it is sent (decision 0015): an address with
 * bookings gets it, written to the address as its latest booking recorded it (never as typed); any
 * other address gets nothing, and the row forgets it.
 */
export const manageLinkRequested = defineNotifier<
  'manage.link_requested',
  { email: string; emailKey: string }
>({
  event: 'manage.link_requested',
  links: ['access'],
  async load(deps, ref) {
    const contact = ref.emailKey ? await findLatestContact(deps.db, ref.emailKey) : undefined;
    return contact && ref.emailKey
      ? { email: contact.email, emailKey: ref.emailKey }
      : skip('no booking for this address');
  },
  // The access token exists only once the address is known to have bookings. Upserted: a resend
  // writes the same link, valid for a day from the latest attempt.
  async activate(deps, contact, tokens) {
    await upsertAccessToken(deps.db, {
      emailKey: contact.emailKey,
      hash: hashToken(tokens.access),
      expiresAt: new Date(deps.clock.now().getTime() + ACCESS_TOKEN_HOURS * 3_600_000),
    });
  },
  email(contact, w) {
    const { t, links } = w;
    return {
      to: contact.email,
      ...renderEmail(w, t.manageLink.subject, [
        { type: 'paragraph', text: t.manageLink.hello },
        { type: 'paragraph', text: t.manageLink.intro },
        { type: 'action', label: t.manage, url: links.access },
        { type: 'paragraph', text: t.manageLink.personal },
        { type: 'paragraph', text: t.manageLink.notYou },
      ]),
    };
  },
});
