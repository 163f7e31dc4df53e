import { permitReadyMessages } from '../../pickup/permit-ready.messages.ts';
import { findPermitForMessage, type PermitForMessage } from '../../pickup/permits.repository.ts';
import { textIn } from '../../territory/localized-text.ts';
import { messagesFor } from '../../web/i18n.ts';
import { type Block, renderEmail, type Writing } from '../email-layout.ts';
import { defineNotifier, skip } from '../notifier.ts';

// seeds/003: "only those who received an SMS may come". The announcement of a permit ready, by SMS and
// email, written when it is sent: a permit handed over before its message left is not announced.

interface PermitNotice extends PermitForMessage {
  /** Step 1 of the office's pick-up procedure, when it hands permits over by appointment. */
  bookingUrl: string | null;
}

/** The announcement of a permit ready at its office, with the pick-up hours or the pick-up slots. */
export const permitReady = defineNotifier<'permit.ready', PermitNotice>({
  event: 'permit.ready',
  async load(deps, ref) {
    const permit = await findPermitForMessage(deps.db, ref.params.permitId);
    if (!permit) return skip('the permit no longer exists');
    if (permit.status !== 'ready') return skip('the permit was collected');
    const bookingUrl = permit.pickUpProcedureCode
      ? `${deps.config.publicUrl}/departements/${permit.departmentCode}/demarches/${permit.pickUpProcedureCode}`
      : null;
    return { ...permit, bookingUrl };
  },
  email(p, w) {
    const m = messagesFor(permitReadyMessages, w.language);
    const name = [p.firstName, p.lastName].filter(Boolean).join(' ') || null;
    return {
      to: p.email ?? '',
      ...renderEmail(w, m.subject(p.reference), [
        { type: 'paragraph', text: m.hello(name) },
        { type: 'paragraph', text: m.ready(p.siteName) },
        {
          type: 'details',
          rows: [
            [m.code, p.reference],
            [m.office, `${p.siteName}, ${p.siteAddress}`],
          ],
        },
        ...howToCome(p, w),
        { type: 'paragraph', text: m.bring },
      ]),
    };
  },
  sms(p, w) {
    const m = messagesFor(permitReadyMessages, w.language);
    const text = m.sms({
      office: p.siteName,
      reference: p.reference,
      ...(p.bookingUrl ? { link: p.bookingUrl } : {}),
    });
    return { to: p.phone, text };
  },
});

/** The pick-up slots' link, or the office's hours (its arrival advice) and contact. */
function howToCome(p: PermitNotice, w: Writing): Block[] {
  const m = messagesFor(permitReadyMessages, w.language);
  if (p.bookingUrl) {
    return [
      { type: 'paragraph', text: m.slots },
      { type: 'action', label: m.book, url: p.bookingUrl },
    ];
  }
  const blocks: Block[] = p.arrivalAdvice
    ? [
        { type: 'paragraph', text: m.hours },
        { type: 'paragraph', text: textIn(p.arrivalAdvice, w.language) },
      ]
    : [{ type: 'paragraph', text: m.noHours }];
  const contact = [p.contactPhone, p.contactEmail].filter(Boolean).join(', ');
  if (contact) blocks.push({ type: 'paragraph', text: m.contact(contact) });
  return blocks;
}
