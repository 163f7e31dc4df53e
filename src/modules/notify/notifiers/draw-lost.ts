import type { RequestDetails } from '../../requests/requests.repository.ts';
import { renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { currentRequest, requestDetails } from './request-message.ts';

type Data = RequestDetails & { drawId: number; lostDraws: number };

/**
 * The email to a request the draw gave no seat (PRODUCT §5 "others"): it stays in the queue, with one
 * more lost draw. Not sent once the request has left the queue (withdrawn, closed, won since).
 */
export const drawLost = defineNotifier<'draw.lost', Data>({
  event: 'draw.lost',
  async load(deps, ref) {
    const request = await currentRequest(deps, ref);
    if (isSkip(request)) return request;
    if (request.status !== 'waiting') return skip('the request is no longer waiting');
    return { ...request, drawId: ref.params.drawId, lostDraws: ref.params.lost };
  },
  email(r, w) {
    const { t } = w;
    return {
      to: r.email,
      ...renderEmail(w, t.draw.lostSubject(r.label), [
        { type: 'paragraph', text: t.hello(r) },
        { type: 'paragraph', text: t.draw.lost(r.drawId) },
        { type: 'paragraph', text: t.draw.queue(r.lostDraws) },
        requestDetails(r, w),
        { type: 'paragraph', text: t.draw.change },
      ]),
    };
  },
});
