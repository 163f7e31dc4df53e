import { receiptPdf } from '../../requests/receipt.usecases.ts';
import type { RequestDetails } from '../../requests/requests.repository.ts';
import { renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { currentRequest, requestDetails, requestPath } from './request-message.ts';

type Data = RequestDetails & { updated: boolean };

/**
 * The email after a request is submitted (PRODUCT §5): its label, its choices, the link to its page
 * and the signed receipt. It goes to the address recorded with the request — for an update too, so
 * that whoever changed someone's choices never receives that person's link (decision 0027).
 */
export const requestSubmitted = defineNotifier<'request.submitted', Data>({
  event: 'request.submitted',
  links: ['manage'],
  linkPaths: (request) => ({ manage: requestPath(request) }),
  async load(deps, ref) {
    const request = await currentRequest(deps, ref);
    if (isSkip(request)) return request;
    if (request.status !== 'waiting') return skip('the request is no longer waiting');
    return { ...request, updated: ref.params.updated === true };
  },
  email(r, w) {
    const { t, links } = w;
    const m = t.request;
    return {
      to: r.email,
      ...renderEmail(w, r.updated ? m.updatedSubject(r.label) : m.submittedSubject(r.label), [
        { type: 'paragraph', text: t.hello(r) },
        { type: 'paragraph', text: r.updated ? m.updated : m.submitted },
        requestDetails(r, w),
        { type: 'paragraph', text: m.next },
        { type: 'paragraph', text: m.receipt },
        { type: 'action', label: m.action, url: links.manage },
        { type: 'paragraph', text: r.updated ? m.notYou : m.personal },
      ]),
    };
  },
  async attachments(deps, r) {
    const pdf = await receiptPdf(deps.config, r, deps.clock.now(), r.locale);
    return [{ filename: `recepisse-${r.label}.pdf`, content: pdf, contentType: 'application/pdf' }];
  },
});
