import { isCode } from '../../codes.ts';
import type { ModulePlugin } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { principalOf } from '../agents/auth.ts';
import { actingOf } from '../configuration/offices.access.ts';
import { networkKey } from '../protection/network-key.ts';
import { type PriorityPage, priorityView } from './priority.views.ts';
import { priorityChoices, rebookWithPass } from './priority-pass.usecases.ts';
import type { Refusal } from './refusals.messages.ts';
import { revocationView } from './revocation.views.ts';
import {
  confirmPeriod,
  editPeriod,
  previewPeriod,
  revocationPage,
  revokeBookingFromPage,
} from './revocation-office.usecases.ts';
import { suspiciousPage } from './suspicious.usecases.ts';
import { suspiciousView } from './suspicious.views.ts';

const HIDDEN = { schema: { hide: true } };
const bodyOf = (body: unknown) => (body ?? {}) as Record<string, unknown>;

/** `?departement=CODE`: the review of one département (refused outside the agent's scope). */
function departmentOf(query: unknown): { department?: string } {
  const code = bodyOf(query).departement;
  if (code === undefined) return {};
  if (typeof code !== 'string' || !isCode('department', code))
    throw notFound('department_not_found', 'Ce département n’existe pas.');
  return { department: code };
}

/** The back office's revocations page, /agents/annulations (BACK_OFFICE_PAGES). */
export const revocationPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  app.get('/annulations', HIDDEN, async (request, reply) =>
    web.render(
      request,
      reply,
      revocationView,
      await revocationPage(deps, principalOf(request), bodyOf(request.query)),
    ),
  );
  app.post('/annulations/rendez-vous', HIDDEN, async (request, reply) =>
    web.render(
      request,
      reply,
      revocationView,
      await revokeBookingFromPage(deps, actingOf(request, ctx), bodyOf(request.body)),
    ),
  );
  app.post('/annulations/verifier', HIDDEN, async (request, reply) =>
    web.render(
      request,
      reply,
      revocationView,
      await previewPeriod(deps, actingOf(request, ctx), bodyOf(request.body)),
    ),
  );
  app.post('/annulations/modifier', HIDDEN, async (request, reply) =>
    web.render(
      request,
      reply,
      revocationView,
      await editPeriod(deps, principalOf(request), bodyOf(request.body)),
    ),
  );
  app.post('/annulations/periode', HIDDEN, async (request, reply) =>
    web.render(
      request,
      reply,
      revocationView,
      await confirmPeriod(deps, actingOf(request, ctx), bodyOf(request.body)),
    ),
  );
};

/** The revoked person's page to book again first, /rendez-vous/priorite (the notice's link). */
export const priorityPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  async function choose(token: unknown, problem?: Refusal): Promise<PriorityPage> {
    try {
      const choices = await priorityChoices(deps, token);
      const timezone = choices.timezone;
      return {
        kind: 'choose',
        token: String(token),
        expiresAt: choices.expiresAt,
        timezone,
        slots: choices.slots,
        ...(problem ? { problem } : {}),
      };
    } catch (error) {
      if (error instanceof AppError)
        return {
          kind: 'problem',
          refusal: { code: error.code, message: error.message },
          status: error.status,
        };
      throw error;
    }
  }

  app.get('/rendez-vous/priorite', HIDDEN, async (request, reply) =>
    web.render(request, reply, priorityView, await choose(bodyOf(request.query).token)),
  );
  app.post('/rendez-vous/priorite', HIDDEN, async (request, reply) => {
    const body = bodyOf(request.body);
    try {
      const booked = await rebookWithPass(deps, {
        token: body.token,
        slotId: Number(body.slotId),
        networkKey: networkKey(ctx.config.secretKey, request.ip),
      });
      return web.render(request, reply, priorityView, { kind: 'booked', reference: booked.reference });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // A slot not offered is a field's refusal: its code says which.
      const field = error.fields?.[0];
      const refusal = { code: field?.code ?? error.code, message: field?.message ?? error.message };
      return web.render(request, reply, priorityView, await choose(body.token, refusal));
    }
  });
};

/** The back office's review page, /agents/signalements (BACK_OFFICE_PAGES). */
export const suspiciousPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
  const hidden = { schema: { hide: true } };
  app.get('/signalements', hidden, async (request, reply) =>
    web.render(
      request,
      reply,
      suspiciousView,
      await suspiciousPage(deps, actingOf(request, ctx), undefined, departmentOf(request.query)),
    ),
  );
  app.post('/signalements', hidden, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return web.render(
      request,
      reply,
      suspiciousView,
      await suspiciousPage(deps, actingOf(request, ctx), body),
    );
  });
};
