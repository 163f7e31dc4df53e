import type { FastifyRequest } from 'fastify';
import type { AppContext, ModulePlugin } from '../../context.ts';
import { actorOf, principalOf } from '../agents/auth.ts';
import {
  ClosureAnswer,
  ClosureBody,
  ClosureParams,
  ClosuresAnswer,
  DepartmentAnswer,
  DepartmentBody,
  DepartmentParams,
  DurationAnswer,
  DurationBody,
  ERRORS,
  IdParams,
  OpeningRulesAnswer,
  OpeningRulesBody,
  PublicationAnswer,
  PublicationBody,
  SECURITY,
} from './schedule.schemas.ts';
import {
  type Acting,
  addClosure,
  getClosures,
  getOpeningRules,
  getPublication,
  type PublicationView,
  removeClosure,
  saveDuration,
  saveHolidayRegion,
  saveOpeningRules,
  savePublication,
} from './schedule.usecases.ts';

// The admin API's twin of the schedule's pages (PRODUCT §7.1), under /api/v1/admin behind the token
// guard: each route validates, calls the use case the page calls, and answers JSON.

const TAGS = ['admin: schedule'];

/** A route's schema: its summary and parts, with the module's tag and the agent's token. */
const schema = <S extends object>(summary: string, parts: S) => ({
  tags: TAGS,
  summary,
  security: SECURITY,
  ...parts,
});

/** The publication policy as the API answers it: flat, with a fixed time's next release only. */
function presentPublication(view: PublicationView) {
  return {
    offerId: view.offerId,
    publicationDays: view.publicationDays,
    ...view.policy,
    weekdays: view.policy.mode === 'rolling' ? undefined : [...view.policy.weekdays],
    releasedThrough: view.releasedThrough,
    nextReleaseAt: view.nextReleaseAt ? view.nextReleaseAt.toISOString() : null,
  };
}

/** The admin routes of opening rules, publication policies, closures, holidays and durations. */
export const scheduleAdminPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock };
  const acting = (request: FastifyRequest): Acting => ({
    principal: principalOf(request),
    actor: actorOf(request, ctx),
  });

  app.get(
    '/offers/:id/opening-rules',
    {
      schema: schema("An offer's opening rules", {
        params: IdParams,
        response: { 200: OpeningRulesAnswer, ...ERRORS },
      }),
    },
    async (request) => getOpeningRules(deps, principalOf(request), request.params.id),
  );

  app.put(
    '/offers/:id/opening-rules',
    {
      schema: schema("Replace an offer's opening rules; its future slots are regenerated", {
        params: IdParams,
        body: OpeningRulesBody,
        response: { 200: OpeningRulesAnswer, ...ERRORS },
      }),
    },
    async (request) => saveOpeningRules(deps, acting(request), request.params.id, request.body.rules),
  );

  app.get(
    '/offers/:id/publication',
    {
      schema: schema("An offer's publication policy", {
        params: IdParams,
        response: { 200: PublicationAnswer, ...ERRORS },
      }),
    },
    async (request) =>
      presentPublication(await getPublication(deps, principalOf(request), request.params.id)),
  );

  app.put(
    '/offers/:id/publication',
    {
      schema: schema("Set an offer's horizon and publication policy", {
        params: IdParams,
        body: PublicationBody,
        response: { 200: PublicationAnswer, ...ERRORS },
      }),
    },
    async (request) =>
      presentPublication(await savePublication(deps, acting(request), request.params.id, request.body)),
  );

  closureRoutes(app, deps, acting);

  app.put(
    '/departments/:code',
    {
      schema: schema("Set a département's public-holiday calendar; its offices' slots are regenerated", {
        params: DepartmentParams,
        body: DepartmentBody,
        response: { 200: DepartmentAnswer, ...ERRORS },
      }),
    },
    async (request) =>
      saveHolidayRegion(deps, acting(request), request.params.code, request.body.holidayRegion),
  );

  app.put(
    '/procedures/:id/duration',
    {
      schema: schema("Set a procedure's duration; its offers' slots are regenerated everywhere", {
        params: IdParams,
        body: DurationBody,
        response: { 200: DurationAnswer, ...ERRORS },
      }),
    },
    async (request) => saveDuration(deps, acting(request), request.params.id, request.body.durationMinutes),
  );
};

function closureRoutes(
  app: Parameters<ModulePlugin>[0],
  deps: { db: AppContext['db']; clock: AppContext['clock'] },
  acting: (request: FastifyRequest) => Acting,
): void {
  app.get(
    '/sites/:id/closures',
    {
      schema: schema("A site's closures from today on", {
        params: IdParams,
        response: { 200: ClosuresAnswer, ...ERRORS },
      }),
    },
    async (request) => {
      const { site, closures } = await getClosures(deps, principalOf(request), request.params.id);
      return { siteId: site.siteId, closures };
    },
  );

  app.post(
    '/sites/:id/closures',
    {
      schema: schema("Close a site for a day; that day's slots are removed, unless someone is booked", {
        params: IdParams,
        body: ClosureBody,
        response: { 201: ClosureAnswer, ...ERRORS },
      }),
    },
    async (request, reply) =>
      reply.status(201).send(await addClosure(deps, acting(request), request.params.id, request.body)),
  );

  app.delete(
    '/sites/:id/closures/:day',
    {
      schema: schema('Open a closed day again; its slots come back', {
        params: ClosureParams,
        response: { 200: ClosureAnswer, ...ERRORS },
      }),
    },
    async (request) => removeClosure(deps, acting(request), request.params.id, request.params.day),
  );
}
