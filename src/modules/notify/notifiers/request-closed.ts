import type { Locale } from '../../../db/schema.ts';
import { requestClosureNoticeMessages } from '../../counter/request-closure-notice.messages.ts';
import { findRequestClosure } from '../../counter/suspicious-requests.repository.ts';
import type { RequestDetails } from '../../requests/requests.repository.ts';
import { messagesFor } from '../../web/i18n.ts';
import { renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { currentRequest, requestDetails } from './request-message.ts';

type Data = RequestDetails & { reason: string; phone: string | null; locale: Locale };

/** The notice of a request closed by the office (decision 0048), by email and SMS, with the reason. */
export const requestClosed = defineNotifier<'request.closed', Data>({
  event: 'request.closed',
  async load(deps, ref) {
    const request = await currentRequest(deps, ref);
    if (isSkip(request)) return request;
    const closure = await findRequestClosure(deps.db, request.id);
    if (request.status !== 'closed' || !closure?.reason)
      return skip('the request is not closed by the office');
    return { ...request, reason: closure.reason, phone: closure.phone, locale: ref.locale };
  },
  email(r, w) {
    const m = messagesFor(requestClosureNoticeMessages, r.locale);
    return {
      to: r.email,
      ...renderEmail(w, m.subject(r.label), [
        { type: 'paragraph', text: w.t.hello(r) },
        { type: 'paragraph', text: m.intro },
        { type: 'paragraph', text: m.reason(r.reason) },
        requestDetails(r, w),
        { type: 'paragraph', text: m.contact },
      ]),
    };
  },
  sms(r) {
    return { to: r.phone, text: messagesFor(requestClosureNoticeMessages, r.locale).sms(r.label) };
  },
});
