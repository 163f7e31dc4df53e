import { invalid, notFound } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import { authorize, type Principal } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { type DrawWindow, windowsAround } from '../draw/calendar.ts';
import { findCalendar, type StoredCalendar, saveCalendar } from '../draw/draw-calendar.repository.ts';
import { isDraw } from '../schedule/channels.ts';
import { type CalendarDraft, type CalendarInput, checkCalendar } from './draw-calendar.input.ts';
import { findOffer, procedureTitle } from './offers.repository.ts';
import { type Acting, type ConfigDeps, siteTarget } from './offices.access.ts';

// A draw offer's recurring calendar (issue 9 item 1, decision 0032), shared by the back office's page
// and the admin API. Deciding on calendars is managing the office's draws: `draw.manage` on the offer's
// site. Outside the agent's scope, or for an offer that is not a draw offer, the calendar does not
// exist (404), as the brief of the admin API asks.

/** A draw offer and where it is. */
export interface CalendarOffer {
  id: number;
  procedureId: number;
  procedureTitle: string;
  siteId: number;
  departmentCode: string;
  timezone: string;
}

/** An offer's calendar, if set, and the windows it gives from now. */
export interface CalendarView {
  offer: CalendarOffer;
  calendar: CalendarInput | null;
  windows: { current: DrawWindow | undefined; next: DrawWindow } | undefined;
}

const noCalendar = () => notFound('draw_calendar_not_found', "Cette offre n'a pas de calendrier de tirages.");

/** The draw offer, if the principal manages its site's draws: 403 without the right anywhere, else 404. */
async function drawOfferInScope(
  deps: ConfigDeps,
  principal: Principal,
  offerId: number,
): Promise<CalendarOffer> {
  const offer = await findOffer(deps.db, offerId);
  const target = offer && siteTarget({ id: offer.siteId, departmentCode: offer.departmentCode });
  const decision = target ? authorize(principal, 'draw.manage', target) : undefined;
  // Holding the right nowhere says nothing about this offer: the 403 of every such refusal.
  if (target && decision && !decision.allowed && decision.reason === 'not_permitted')
    ensureAllowed(principal, 'draw.manage', target);
  if (!offer || !decision?.allowed || !isDraw(offer.channel)) throw noCalendar();
  return {
    id: offer.id,
    procedureId: offer.procedureId,
    procedureTitle: await procedureTitle(deps.db, offer.procedureId),
    siteId: offer.siteId,
    departmentCode: offer.departmentCode,
    timezone: offer.timezone,
  };
}

function viewOf(deps: ConfigDeps, offer: CalendarOffer, stored: StoredCalendar | undefined): CalendarView {
  if (!stored) return { offer, calendar: null, windows: undefined };
  const { offerId: _offer, ...calendar } = stored;
  const windows = calendar.active ? windowsAround(calendar, offer.timezone, deps.clock.now()) : undefined;
  return { offer, calendar, windows };
}

/** A draw offer's calendar (null when none is set yet) and its coming windows. */
export async function getDrawCalendar(
  deps: ConfigDeps,
  principal: Principal,
  offerId: number,
): Promise<CalendarView> {
  const offer = await drawOfferInScope(deps, principal, offerId);
  return viewOf(deps, offer, await findCalendar(deps.db, offerId));
}

/**
 * Sets a draw offer's calendar (`draw_calendar.save`, audited with the calendar before and after). The
 * windows job announces its windows at its next run; windows already announced keep their draws.
 */
export async function saveDrawCalendar(
  deps: ConfigDeps,
  acting: Acting,
  offerId: number,
  draft: CalendarDraft,
): Promise<CalendarView> {
  const offer = await drawOfferInScope(deps, acting.principal, offerId);
  const checked = checkCalendar(draft);
  if (!checked.ok) throw invalid(checked.errors);
  const now = deps.clock.now();
  const stored = { offerId, ...checked.value };
  await deps.db.transaction().execute(async (trx) => {
    const before = await findCalendar(trx, offerId);
    await saveCalendar(trx, stored, now);
    const record = {
      action: 'draw_calendar.save',
      target: { type: 'offer', id: offerId },
      place: { departmentCode: offer.departmentCode, siteId: offer.siteId },
      before: before ?? null,
      after: stored,
    };
    await recordAudit(trx, acting.actor, record, now);
  });
  return viewOf(deps, offer, stored);
}
