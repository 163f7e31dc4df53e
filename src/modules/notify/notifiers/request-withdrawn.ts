import type { RequestDetails } from '../../requests/requests.repository.ts';
import { renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { currentRequest, requestDetails } from './request-message.ts';

/** The email confirming that the person withdrew their request. */
export const requestWithdrawn = defineNotifier<'request.withdrawn', RequestDetails>({
  event: 'request.withdrawn',
  async load(deps, ref) {
    const request = await currentRequest(deps, ref);
    if (isSkip(request)) return request;
    return request.status === 'withdrawn' ? request : skip('the request is not withdrawn');
  },
  email(r, w) {
    const { t } = w;
    return {
      to: r.email,
      ...renderEmail(w, t.request.withdrawnSubject(r.label), [
        { type: 'paragraph', text: t.hello(r) },
        { type: 'paragraph', text: t.request.withdrawn },
        requestDetails(r, w),
        { type: 'paragraph', text: t.request.again },
      ]),
    };
  },
});
