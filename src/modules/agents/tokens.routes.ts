import { Type } from '@sinclair/typebox';
import type { ModulePlugin } from '../../context.ts';
import { ADMIN_ERRORS, BEARER } from './agent-admin.schemas.ts';
import { actorOf, principalOf } from './auth.ts';
import { createOwnToken, listOwnTokens, revokeOwnToken, type TokenView } from './tokens.usecases.ts';

const tags = ['admin: tokens'];
const nullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

const TokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: nullableTime,
  revokedAt: nullableTime,
});

const presentToken = (token: TokenView) => ({
  id: token.id,
  name: token.name,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
});

/** Your own API tokens, under /api/v1/admin behind the token guard (app.ts's ADMIN_API). */
export const tokensApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config };

  app.get(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Your API tokens, newest first (never their value)',
        security: BEARER,
        response: { 200: Type.Array(TokenSchema), ...ADMIN_ERRORS },
      },
    },
    async (request) => (await listOwnTokens(deps, principalOf(request))).map(presentToken),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token with your rights; its value is in this answer only',
        security: BEARER,
        body: Type.Object({ name: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
        response: {
          201: Type.Intersect([TokenSchema, Type.Object({ token: Type.String() })]),
          ...ADMIN_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const created = await createOwnToken(deps, principalOf(request), actorOf(request, ctx), request.body);
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ ...presentToken(created), token: created.token });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of your tokens: it is refused (401) from now on',
        security: BEARER,
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        response: { 204: Type.Null(), ...ADMIN_ERRORS },
      },
    },
    async (request, reply) => {
      await revokeOwnToken(deps, principalOf(request), actorOf(request, ctx), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
