import { bookingErrors } from '../booking/booking.errors.ts';
import { type LinkProblem, orLinkProblem } from '../booking/link-problem.ts';
import { manageErrors } from '../booking/manage.errors.ts';
import { findOwnBooking } from '../booking/manage.usecases.ts';
import type { ConvocationData } from './convocation.repository.ts';
import { type ConvocationDeps, loadConvocation } from './convocation.usecases.ts';

/**
 * What the convocation and its calendar file are made from, for a confirmed booking the token opens;
 * else the link problem the download page explains.
 */
export function confirmedConvocation(
  deps: ConvocationDeps,
  input: { token: string; reference: string },
): Promise<ConvocationData | LinkProblem> {
  return orLinkProblem(async () => {
    const { booking } = await findOwnBooking(deps, input);
    if (booking.status !== 'confirmed') throw manageErrors.notConfirmed();
    const data = await loadConvocation(deps, booking.id);
    if (!data) throw bookingErrors.bookingNotFound();
    return data;
  });
}
