import { Type } from '@sinclair/typebox';
import type { ModulePlugin } from '../../context.ts';
import {
  ADMIN_ERRORS,
  AgentCreatedSchema,
  AgentIdParamsSchema,
  AgentPatchSchema,
  AgentSchema,
  BEARER,
  GrantInputSchema,
  GrantSchema,
  NewAgentSchema,
  presentAgent,
} from './agent-admin.schemas.ts';
import {
  addGrant,
  createAgentAccount,
  getAgent,
  listAgents,
  removeGrant,
  updateAgentAccount,
} from './agent-admin.usecases.ts';
import { actorOf, principalOf } from './auth.ts';
import { scopeLabel } from './permissions.ts';

const tags = ['admin: agents'];

/** The admin API's agents, under /api/v1/admin behind the token guard (app.ts's ADMIN_API). */
export const agentAdminApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config };

  app.get(
    '/agents',
    {
      schema: {
        tags,
        summary: 'The agents with a role within your agent.manage scope',
        security: BEARER,
        response: { 200: Type.Array(AgentSchema), ...ADMIN_ERRORS },
      },
    },
    async (request) => (await listAgents(deps, principalOf(request))).map(presentAgent),
  );

  app.post(
    '/agents',
    {
      schema: {
        tags,
        summary: 'Create an agent: a random initial password (shown once) unless federation-only',
        security: BEARER,
        body: NewAgentSchema,
        response: { 201: AgentCreatedSchema, ...ADMIN_ERRORS },
      },
    },
    async (request, reply) => {
      const input = { ...request.body, federationOnly: request.body.federationOnly ?? false };
      const created = await createAgentAccount(deps, principalOf(request), actorOf(request, ctx), input);
      reply.header('cache-control', 'no-store');
      const password = created.password ? { password: created.password } : {};
      return reply.status(201).send({ ...presentAgent(created.agent), ...password });
    },
  );

  app.get(
    '/agents/:id',
    {
      schema: {
        tags,
        summary: 'One agent within your scope (404 otherwise)',
        security: BEARER,
        params: AgentIdParamsSchema,
        response: { 200: AgentSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => presentAgent(await getAgent(deps, principalOf(request), request.params.id)),
  );

  app.patch(
    '/agents/:id',
    {
      schema: {
        tags,
        summary: 'Rename, turn federation-only on or off (off: a new password, shown once), deactivate',
        security: BEARER,
        params: AgentIdParamsSchema,
        body: AgentPatchSchema,
        response: { 200: AgentCreatedSchema, ...ADMIN_ERRORS },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const actor = actorOf(request, ctx);
      const updated = await updateAgentAccount(deps, principal, actor, request.params.id, request.body);
      reply.header('cache-control', 'no-store');
      return { ...presentAgent(updated.agent), ...(updated.password ? { password: updated.password } : {}) };
    },
  );

  app.post(
    '/agents/:id/grants',
    {
      schema: {
        tags,
        summary: 'Give the agent a role on a scope you administer',
        security: BEARER,
        params: AgentIdParamsSchema,
        body: GrantInputSchema,
        response: { 201: GrantSchema, ...ADMIN_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, ctx);
      const grant = await addGrant(deps, principalOf(request), actor, request.params.id, request.body);
      return reply.status(201).send({ id: grant.id, role: grant.role, scope: scopeLabel(grant.scope) });
    },
  );

  app.delete(
    '/agents/:id/grants',
    {
      schema: {
        tags,
        summary: 'Withdraw a role (the last one of an agent, or of a département’s administrators: 409)',
        security: BEARER,
        params: AgentIdParamsSchema,
        querystring: GrantInputSchema,
        response: { 204: Type.Null(), ...ADMIN_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, ctx);
      await removeGrant(deps, principalOf(request), actor, request.params.id, request.query);
      return reply.status(204).send(null);
    },
  );
};
