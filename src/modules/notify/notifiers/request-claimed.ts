import type { RequestDetails } from '../../requests/requests.repository.ts';
import { renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { currentRequest } from './request-message.ts';

// A request sent online for an identity whose live request was recorded with another address changes
// nothing (decision 0033). Two emails say so: one to the address on record, one to the address typed;
// neither tells the other address anything of the request (no label, choices, name or link).

/** To the person on record: someone sent a request for their identity from another address. */
export const requestClaimed = defineNotifier<'request.claimed', RequestDetails>({
  event: 'request.claimed',
  async load(deps, ref) {
    const request = await currentRequest(deps, ref);
    if (isSkip(request)) return request;
    return request.status === 'waiting' ? request : skip('the request is no longer waiting');
  },
  email(r, w) {
    const m = w.t.request;
    return {
      to: r.email,
      ...renderEmail(w, m.claimedSubject(r.label), [
        { type: 'paragraph', text: w.t.hello(r) },
        { type: 'paragraph', text: m.claimed },
        { type: 'paragraph', text: m.claimedNotYou },
      ]),
    };
  },
});

/** To the address typed: the identity has a request recorded elsewhere, left as it was. */
export const requestIdentityInUse = defineNotifier<'request.identity_in_use', { email: string }>({
  event: 'request.identity_in_use',
  async load(_deps, ref) {
    return ref.emailKey ? { email: ref.emailKey } : skip('no address');
  },
  email(contact, w) {
    const m = w.t.request;
    return {
      to: contact.email,
      ...renderEmail(w, m.inUseSubject, [
        { type: 'paragraph', text: w.t.manageLink.hello },
        { type: 'paragraph', text: m.inUse },
        { type: 'paragraph', text: m.inUseNext },
      ]),
    };
  },
});
