import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import {
  DEMO_ARRIVAL_ADVICE,
  DEMO_DEPARTMENTS,
  DEMO_OFFERS,
  DEMO_PROCEDURES,
  DEMO_SITES,
  demoArrondissements,
  demoClosures,
  demoDrawCalendarStart,
} from './demo-data.ts';

/**
 * Loads the demo data set into an empty database, in one transaction, and says whether it did:
 * nothing happens (false) when the `department` table already has rows.
 */
export async function loadDemoData(db: Db, today: string): Promise<boolean> {
  // Computed before the transaction: a bad `today` or an inconsistent data set fails without a write.
  const arrondissements = demoArrondissements();
  const closures = demoClosures(today);

  return db.transaction().execute(async (trx) => {
    // Two instances starting on the same empty database: the second waits here, then sees the rows.
    await sql`lock table department in share row exclusive mode`.execute(trx);
    const existing = await trx.selectFrom('department').select('code').limit(1).executeTakeFirst();
    if (existing) return false;

    await trx
      .insertInto('department')
      .values(
        DEMO_DEPARTMENTS.map((department) => ({
          code: department.code,
          name: department.name,
          timezone: department.timezone,
          holiday_region: department.holidayRegion,
        })),
      )
      .execute();

    // (department, name) is unique, so it maps each returned id back to its key whatever the row order.
    const siteRows = await trx
      .insertInto('site')
      .values(
        DEMO_SITES.map((site) => ({
          department_code: site.department,
          name: site.name,
          kind: site.kind,
          address: site.address,
          arrival_advice: DEMO_ARRIVAL_ADVICE,
        })),
      )
      .returning(['id', 'department_code', 'name'])
      .execute();
    const siteIds = new Map<string, number>();
    for (const site of DEMO_SITES) {
      const row = siteRows.find((r) => r.department_code === site.department && r.name === site.name);
      siteIds.set(site.key, required(row?.id, `site ${site.key}`));
    }

    await trx
      .insertInto('arrondissement')
      .values(
        arrondissements.map((arrondissement) => ({
          code: arrondissement.code,
          department_code: arrondissement.department,
          name: arrondissement.name,
          site_id: required(siteIds.get(arrondissement.site), `site ${arrondissement.site}`),
        })),
      )
      .execute();

    const procedureRows = await trx
      .insertInto('procedure')
      .values(
        DEMO_PROCEDURES.map((procedure) => ({
          code: procedure.code,
          title: procedure.title,
          description: procedure.description,
          audience: procedure.audience,
          duration_minutes: procedure.durationMinutes,
          documents: [...procedure.documents],
          fees: procedure.fees,
          requires_foreigner_number: procedure.requiresForeignerNumber,
          requires_title_expiry: procedure.requiresTitleExpiry,
          requires_postal_code: procedure.requiresPostalCode,
          title_expiry_within_days: procedure.titleExpiryWithinDays,
          title_expired_since_days: procedure.titleExpiredSinceDays,
          admission_rule: procedure.admissionRule,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    const procedureIds = new Map(procedureRows.map((row) => [row.code, row.id]));

    const offerRows = await trx
      .insertInto('offer')
      .values(
        DEMO_OFFERS.map((offer) => ({
          procedure_id: required(procedureIds.get(offer.procedure), `procedure ${offer.procedure}`),
          site_id: required(siteIds.get(offer.site), `site ${offer.site}`),
          channel: offer.channel,
          instructions: offer.instructions,
          contact_email: offer.contactEmail,
          url: offer.url,
          postal_address: offer.postalAddress,
          updated_on: offer.updatedOn ?? today,
        })),
      )
      .returning(['id', 'procedure_id', 'site_id'])
      .execute();
    // (procedure, site) is unique: one offer per procedure and site.
    const offerIds = new Map(offerRows.map((row) => [`${row.procedure_id}:${row.site_id}`, row.id]));

    const openingRules = DEMO_OFFERS.flatMap((offer) => {
      const offerId = offerIds.get(`${procedureIds.get(offer.procedure)}:${siteIds.get(offer.site)}`);
      return offer.openingRules.map((rule) => ({
        offer_id: required(offerId, `offer ${offer.key}`),
        weekday: rule.weekday,
        starts_at: rule.startsAt,
        ends_at: rule.endsAt,
        capacity: rule.capacity,
        valid_from: null,
        valid_until: null,
      }));
    });
    if (openingRules.length > 0) await trx.insertInto('opening_rule').values(openingRules).execute();

    // The draws of these calendars are created by the job open-draw-windows, which runs at start.
    const calendars = DEMO_OFFERS.flatMap((offer) => {
      if (!offer.drawCalendar) return [];
      const offerId = offerIds.get(`${procedureIds.get(offer.procedure)}:${siteIds.get(offer.site)}`);
      const { opensAt, windowDays, closesAt, periodDays, leadDays } = offer.drawCalendar;
      return [
        {
          offer_id: required(offerId, `offer ${offer.key}`),
          first_opens_on: demoDrawCalendarStart(today),
          opens_at: opensAt,
          window_days: windowDays,
          closes_at: closesAt,
          period_days: periodDays,
          lead_days: leadDays,
        },
      ];
    });
    if (calendars.length > 0) await trx.insertInto('draw_calendar').values(calendars).execute();

    if (closures.length > 0) {
      await trx
        .insertInto('closure')
        .values(
          closures.map((closure) => ({
            site_id: required(siteIds.get(closure.site), `site ${closure.site}`),
            day: closure.day,
            reason: closure.reason,
          })),
        )
        .execute();
    }
    return true;
  });
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo data refers to an unknown ${what}`);
  return value;
}
