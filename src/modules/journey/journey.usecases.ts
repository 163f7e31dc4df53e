import type { Locale } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { type ApplicantInput, validateApplicant } from '../booking/applicant.ts';
import { type BookingDeps, bookSlot } from '../booking/booking.usecases.ts';
import {
  findJourneySlot,
  findProcedureInDepartment,
  type JourneySlot,
  listOtherChannels,
} from '../booking/journey.repository.ts';
import type { Captcha } from '../protection/captcha.ts';
import { nextDrawWindow } from '../requests/requests.usecases.ts';
import { isDraw, isFirstCome } from '../schedule/channels.ts';
import { localDate } from '../schedule/timezone.ts';
import { listOffices } from '../schedule/week.repository.ts';
import { freeWeek } from '../schedule/week.usecases.ts';
import {
  findDepartment,
  findProcedure,
  listOffersOfDepartment,
  nextFreeSlots,
} from '../territory/directory.repository.ts';
import type { Redirect } from '../web/web.plugin.ts';
import type { DescriptifPage } from './descriptif.views.ts';
import {
  applicantFromBody,
  type DescriptifInput,
  type SlotChoiceInput,
  type StepInput,
  slotChoiceUrl,
  text,
} from './journey.input.ts';
import type { JourneyStep } from './journey.views.ts';
import type { SlotChoicePage } from './slot-choice.views.ts';

// The journey's pages as use cases (PRODUCT §4.3): each reads or books through booking's and
// schedule's use cases and repositories, and returns the data its view shows — or a redirect.

/** What the journey's use cases need: booking's dependencies and the proof-of-work check. */
export interface JourneyDeps extends BookingDeps {
  captcha: Pick<Captcha, 'enabled' | 'verify'>;
}

/** Step 1 (Descriptif): the procedure, how to do it in the département, its next free slot. */
export async function describeProcedure(
  deps: Pick<JourneyDeps, 'db' | 'clock'>,
  input: DescriptifInput,
): Promise<DescriptifPage | undefined> {
  const [department, procedure, offers] = await Promise.all([
    findDepartment(deps.db, input.code),
    findProcedure(deps.db, input.procedureCode),
    listOffersOfDepartment(deps.db, input.code, input.procedureCode),
  ]);
  // A procedure the département does not offer at all has no page there.
  if (!department || !procedure || offers.length === 0) return undefined;
  const booking = offers.filter((offer) => isFirstCome(offer.channel));
  const slots = await nextFreeSlots(
    deps.db,
    booking.map((offer) => offer.offerId),
    deps.clock.now(),
  );
  let nextFree: DescriptifPage['nextFree'];
  for (const offer of booking) {
    const startsAt = slots.get(offer.offerId);
    if (startsAt && (!nextFree || startsAt < nextFree.startsAt))
      nextFree = { startsAt, siteName: offer.siteName };
  }
  const drawWindow = offers.some((offer) => isDraw(offer.channel))
    ? await nextDrawWindow(deps, { procedureId: procedure.id, departmentCode: department.code })
    : undefined;
  return { department, procedure, offers, nextFree, conditionsMissing: input.conditionsMissing, drawWindow };
}

/** Step 2 (Choix d'une plage): the offices, then the chosen office's week of free slots. */
export async function chooseSlot(
  deps: Pick<JourneyDeps, 'db' | 'clock'>,
  input: SlotChoiceInput,
): Promise<SlotChoicePage> {
  const procedure = await findProcedureInDepartment(deps.db, input.code, input.procedureCode);
  if (!procedure) return { kind: 'unknown_procedure' };
  const now = deps.clock.now();
  const offices = await listOffices(deps.db, { departmentCode: input.code, procedureId: procedure.id, now });
  const office =
    offices.find((o) => o.siteId === input.site) ?? (offices.length === 1 ? offices[0] : undefined);
  const page = { ...input, procedure, offices, office };
  if (office?.nextFree) {
    const week = await freeWeek(deps, {
      offerId: office.offerId,
      zone: procedure.timezone,
      firstFree: office.nextFree,
      week: input.wantedWeek,
    });
    return { kind: 'week', ...page, office, week };
  }
  if (!office && offices.some((o) => o.nextFree)) return { kind: 'offices', ...page };
  // No free slot here: the other offices with slots, the other channels, the help page.
  const channels = await listOtherChannels(deps.db, input.code, procedure.id);
  const others = offices.filter((o) => o.siteId !== office?.siteId && o.nextFree);
  return { kind: 'no_slot', ...page, others, channels };
}

/** Whether a slot can still be booked now: online booking, in the future, a seat left (none cooling down). */
function bookable(slot: JourneySlot, now: Date): boolean {
  return isFirstCome(slot.channel) && slot.startsAt > now && slot.taken + slot.heldBack < slot.capacity;
}

/** The slot a POST step is about — or, when it cannot be booked, the answer sending the person on. */
type StepSlot =
  | { slot: JourneySlot; answer?: undefined }
  | { slot?: undefined; answer: JourneyStep | Redirect };

async function stepSlot(deps: Pick<JourneyDeps, 'db' | 'clock'>, input: StepInput): Promise<StepSlot> {
  const now = deps.clock.now();
  const slot = input.slotId === undefined ? undefined : await findJourneySlot(deps.db, input.slotId);
  if (slot && bookable(slot, now)) return { slot };
  if (slot) {
    const full = isFirstCome(slot.channel) && slot.startsAt > now;
    return { answer: backToSlots(slot, full ? 'prise' : 'indisponible') };
  }
  // No such slot: back to step 2 when the form names its procedure, else start again.
  if (input.backToChoice) return { answer: { redirect: input.backToChoice } };
  return { answer: { step: 'restart', status: 400 } };
}

/** Step 2 again with a message, when the chosen slot went away. */
function backToSlots(slot: JourneySlot, error: 'prise' | 'indisponible'): Redirect {
  return { redirect: slotChoiceUrl(slot.departmentCode, slot.procedureCode, { site: slot.siteId, error }) };
}

function validate(deps: Pick<JourneyDeps, 'clock'>, slot: JourneySlot, applicant: ApplicantInput) {
  return validateApplicant(applicant, slot, slot.departmentCode, localDate(deps.clock.now(), slot.timezone));
}

function detailsStep(slot: JourneySlot, input: StepInput, errors: FieldError[]): JourneyStep {
  return {
    step: 'details',
    slot,
    applicant: applicantFromBody(input.body),
    altcha: text(input.body, 'altcha'),
    errors,
  };
}

/** Step 3 (Contrôle de sécurité): the proof of work, when it is on. */
export async function securityStep(deps: JourneyDeps, input: StepInput): Promise<JourneyStep | Redirect> {
  const { slot, answer } = await stepSlot(deps, input);
  if (!slot) return answer;
  return { step: 'security', slot, captcha: deps.captcha.enabled, failed: false };
}

/** Step 4 (Coordonnées personnelles), then the summary of step 5 once every field is valid. */
export async function detailsOrSummary(deps: JourneyDeps, input: StepInput): Promise<JourneyStep | Redirect> {
  const { slot, answer } = await stepSlot(deps, input);
  if (!slot) return answer;
  if (text(input.body, 'action') !== 'verifier') return detailsStep(slot, input, []);
  const applicant = applicantFromBody(input.body);
  const result = validate(deps, slot, applicant);
  if (!result.ok) return detailsStep(slot, input, result.fields);
  return {
    step: 'summary',
    slot,
    applicant: result.applicant,
    submitted: applicant,
    altcha: text(input.body, 'altcha'),
    holdMinutes: deps.config.holdMinutes,
  };
}

/** Step 5's button, the only write of the journey: checks the fields, then the proof of work, then books. */
export async function submitBooking(
  deps: JourneyDeps,
  input: StepInput & { locale: Locale; networkKey: Buffer | null },
): Promise<JourneyStep | Redirect> {
  const { slot, answer } = await stepSlot(deps, input);
  if (!slot) return answer;
  const applicant = applicantFromBody(input.body);
  // Checked before the proof of work is spent, so that a typo does not cost a new check.
  const result = validate(deps, slot, applicant);
  if (!result.ok) return detailsStep(slot, input, result.fields);
  if (!(await deps.captcha.verify(text(input.body, 'altcha'), 'booking'))) {
    return { step: 'security', slot, captcha: deps.captcha.enabled, failed: true };
  }
  try {
    const booking = await bookSlot(deps, {
      slotId: Number(slot.slotId),
      applicant,
      locale: input.locale,
      networkKey: input.networkKey,
    });
    return { step: 'result', slot, email: result.applicant.email, ...booking };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'slot_full') return backToSlots(slot, 'prise');
    if (error.fields?.some((f) => f.field === 'slotId')) return backToSlots(slot, 'indisponible');
    if (error.fields) return detailsStep(slot, input, error.fields);
    return {
      step: 'refused',
      status: error.status,
      code: error.code,
      message: error.message,
      emailLimit: deps.config.maxActivePerEmail,
    };
  }
}
