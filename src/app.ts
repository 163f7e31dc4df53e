import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyInstance,
  type onRequestHookHandler,
  type preHandlerHookHandler,
} from 'fastify';
import type { AppContext, ModuleOptions, ModulePlugin } from './context.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerWriteBudget } from './http/rate-limit.ts';
import { RETRY_AFTER_SECONDS, succeedsWithin } from './http/unavailable.ts';
import { validatorCompiler } from './http/validation.ts';
import { agendaApiPlugin, agendaPagesPlugin } from './modules/agenda/agenda.plugin.ts';
import { agentAdminPagesPlugin } from './modules/agents/agent-admin.plugin.ts';
import { agentAdminApiPlugin } from './modules/agents/agent-admin.routes.ts';
import { agentsHomePlugin } from './modules/agents/agents.plugin.ts';
import { adminApiGuard, agentPagesGuard } from './modules/agents/auth.ts';
import { federationPlugin } from './modules/agents/federation.plugin.ts';
import { signInPlugin } from './modules/agents/sign-in.plugin.ts';
import { accountPagesPlugin } from './modules/agents/tokens.plugin.ts';
import { tokensApiPlugin } from './modules/agents/tokens.routes.ts';
import { auditPagesPlugin } from './modules/audit/audit.plugin.ts';
import { auditApiPlugin } from './modules/audit/audit.routes.ts';
import { bookingPlugin } from './modules/booking/booking.routes.ts';
import { certificatePlugin } from './modules/certificate/certificate.plugin.ts';
import { checkInApiPlugin } from './modules/checkin/checkin.api.ts';
import { checkInPagesPlugin } from './modules/checkin/checkin.pages.ts';
import { officesApiPlugin, officesPagesPlugin } from './modules/configuration/offices.plugin.ts';
import { schedulePagesPlugin } from './modules/configuration/schedule.plugin.ts';
import { scheduleAdminPlugin } from './modules/configuration/schedule.routes.ts';
import { convocationPlugin } from './modules/convocation/convocation.plugin.ts';
import { priorityBookingPlugin, revocationsAdminApiPlugin } from './modules/counter/revocation.api.ts';
import {
  priorityPagesPlugin,
  revocationPagesPlugin,
  suspiciousPagesPlugin,
} from './modules/counter/revocation.pages.ts';
import { suspiciousAdminApiPlugin } from './modules/counter/suspicious.api.ts';
import { drawsAdminApiPlugin, drawsPagesPlugin } from './modules/draw/draws.admin.ts';
import { drawsPlugin } from './modules/draw/draws.routes.ts';
import { journeyPlugin } from './modules/journey/journey.plugin.ts';
import { managePlugin } from './modules/manage/manage.plugin.ts';
import { notifyPlugin } from './modules/notify/notify.plugin.ts';
import { permitsApiPlugin, permitsPagesPlugin } from './modules/pickup/permits.plugin.ts';
import { protectionPlugin } from './modules/protection/captcha.routes.ts';
import { callScreenPlugin } from './modules/queue/call-screen.plugin.ts';
import { queueApiPlugin } from './modules/queue/queue.api.ts';
import { queuePagesPlugin } from './modules/queue/queue.pages.ts';
import { requestEntryApiPlugin, requestEntryPagesPlugin } from './modules/requests/entry.plugin.ts';
import { requestsPlugin } from './modules/requests/requests.routes.ts';
import { schedulePlugin } from './modules/schedule/availability.routes.ts';
import { statsAdminApiPlugin, statsPagesPlugin } from './modules/stats/stats.plugin.ts';
import { territoryPlugin } from './modules/territory/territory.plugin.ts';
import { registerWebLayer, webPlugin } from './modules/web/web.plugin.ts';

/** The hooks of one module's scope: they run for its routes only (the agents' sign-in check, say). */
export interface ScopeHooks {
  onRequest?: onRequestHookHandler[];
  preHandler?: preHandlerHookHandler[];
}

/**
 * Registers a module's plugin in a scope of its own, under `prefix`, with the scope's hooks: the one
 * way routes are added, so that what guards a part of the site is written where it is mounted.
 */
export async function registerModule(
  app: FastifyInstance,
  plugin: ModulePlugin,
  options: ModuleOptions & { prefix?: string; hooks?: ScopeHooks },
): Promise<void> {
  const { prefix, hooks, ...moduleOptions } = options;
  await app.register(
    async (scope) => {
      for (const hook of hooks?.onRequest ?? []) scope.addHook('onRequest', hook);
      for (const hook of hooks?.preHandler ?? []) scope.addHook('preHandler', hook);
      await scope.register(plugin, moduleOptions);
    },
    { prefix: prefix ?? '' },
  );
}

/** Builds the Fastify application: the root's layers and hooks, then every module's plugin. */
export async function buildApp(ctx: AppContext) {
  const app = Fastify({
    logger: {
      level: ctx.config.logLevel,
      ...(ctx.logStream ? { stream: ctx.logStream } : {}),
      // Query strings carry tokens (the emailed links): never log them.
      serializers: {
        req: (req) => ({ method: req.method, url: String(req.url).split('?')[0] }),
      },
    },
    bodyLimit: 16 * 1024,
    // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY; request.ip is then the
    // right-most address not among them (proxy-addr), so a client cannot choose its own address.
    trustProxy: ctx.config.trustProxy.length > 0 ? ctx.config.trustProxy : false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Créneau public API',
        version: '1.0.0',
        description: 'Appointments for the foreigners’ services of French préfectures (PRODUCT §7).',
      },
      // The admin API's routes name it (PRODUCT §7.1): an agent's API token.
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An agent’s API token (crn_…)' },
        },
      },
    },
  });
  // Root layers, in every scope: pages and errors, then the write budget (which answers in pages too).
  const web = await registerWebLayer(app, ctx.config);
  registerErrorHandling(app, web);
  await registerWriteBudget(app, ctx, web);

  // Its own short deadline: a frozen database must not keep a load balancer's probe waiting.
  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    const probe = ctx.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    if (await succeedsWithin(probe, ctx.config.healthTimeoutMs)) return { status: 'ok' };
    return reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ status: 'unavailable' });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const modules = { ctx, web };
  await registerModule(app, webPlugin, modules);
  await registerModule(app, territoryPlugin, modules);
  await registerModule(app, schedulePlugin, modules);
  await registerModule(app, bookingPlugin, modules);
  await registerModule(app, protectionPlugin, modules);
  await registerModule(app, journeyPlugin, modules);
  await registerModule(app, requestsPlugin, modules);
  await registerModule(app, managePlugin, { ...modules, prefix: '/rendez-vous' });
  await registerModule(app, convocationPlugin, modules);
  await registerModule(app, drawsPlugin, modules);
  await registerModule(app, certificatePlugin, modules);
  await registerModule(app, priorityBookingPlugin, modules);
  await registerModule(app, priorityPagesPlugin, modules);
  await registerModule(app, callScreenPlugin, modules);
  await registerStaffSide(app, modules);
  // The mailbox and the SMS list show every message, tokens included: never in production.
  if ((ctx.mailCapture || ctx.smsCapture) && !ctx.config.production) {
    await registerModule(app, notifyPlugin, modules);
  }
  return app;
}

/** The back office's pages, each module's behind the session guard, under /agents. */
const BACK_OFFICE_PAGES: readonly ModulePlugin[] = [
  agentsHomePlugin,
  officesPagesPlugin,
  schedulePagesPlugin,
  requestEntryPagesPlugin,
  agentAdminPagesPlugin,
  accountPagesPlugin,
  auditPagesPlugin,
  drawsPagesPlugin,
  agendaPagesPlugin,
  permitsPagesPlugin,
  statsPagesPlugin,
  revocationPagesPlugin,
  suspiciousPagesPlugin,
  checkInPagesPlugin,
  queuePagesPlugin,
];
/** The admin API (PRODUCT §7.1), each module's behind the token guard, under /api/v1/admin. */
const ADMIN_API: readonly ModulePlugin[] = [
  officesApiPlugin,
  scheduleAdminPlugin,
  requestEntryApiPlugin,
  agentAdminApiPlugin,
  tokensApiPlugin,
  auditApiPlugin,
  drawsAdminApiPlugin,
  agendaApiPlugin,
  permitsApiPlugin,
  statsAdminApiPlugin,
  revocationsAdminApiPlugin,
  suspiciousAdminApiPlugin,
  checkInApiPlugin,
  queueApiPlugin,
];

/**
 * A guarded module's routes spend no write budget: the budget slows anonymous clients, while an agent
 * configuring an office writes often, under their own name (the sign-in pages keep the budget).
 */
function signedInOnly(plugin: ModulePlugin): ModulePlugin {
  return async (scope, options) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, write: false };
    });
    await scope.register(plugin, options);
  };
}

/** The staff's side: pages that need a signed-in agent, API routes that need an agent's token. */
async function registerStaffSide(app: FastifyInstance, modules: ModuleOptions): Promise<void> {
  // The sign-in pages answer before anyone is signed in: no guard, and they keep the write budget.
  await registerModule(app, signInPlugin, { ...modules, prefix: '/agents' });
  await registerModule(app, federationPlugin, { ...modules, prefix: '/agents' });
  const pageGuard = { onRequest: [agentPagesGuard(modules.ctx)] };
  for (const plugin of BACK_OFFICE_PAGES) {
    await registerModule(app, signedInOnly(plugin), { ...modules, prefix: '/agents', hooks: pageGuard });
  }
  const apiGuard = { onRequest: [adminApiGuard(modules.ctx)] };
  for (const plugin of ADMIN_API) {
    await registerModule(app, signedInOnly(plugin), { ...modules, prefix: '/api/v1/admin', hooks: apiGuard });
  }
}

/** The built application, as tests and server.ts hold it. */
export type CreneauApp = Awaited<ReturnType<typeof buildApp>>;
