import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import type { AgentAccount } from './agent-admin.usecases.ts';
import { ROLE_NAMES, scopeLabel } from './permissions.ts';

// The admin API's agents (PRODUCT §7.1): the same schemas validate requests and write /api/openapi.json.

/** Every admin route is called with an agent's API token. */
export const BEARER = [{ bearerAuth: [] }];

/** The answers every admin route may give besides its own. */
export const ADMIN_ERRORS = {
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
};

const Role = Type.String({ enum: [...ROLE_NAMES], description: ROLE_NAMES.join(', ') });
// Checked by the use case (which names the field): a pattern here would refuse before it can.
const ScopeText = Type.String({
  maxLength: 20,
  description: '`national`, a département code such as `74`, or `site:ID`',
});

export const GrantInputSchema = Type.Object(
  { role: Role, scope: ScopeText },
  { additionalProperties: false },
);

export const GrantSchema = Type.Object({ id: Type.Integer(), role: Type.String(), scope: Type.String() });

export const AgentSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  federationOnly: Type.Boolean(),
  active: Type.Boolean(),
  totpEnrolled: Type.Boolean({ description: 'Whether the agent has enrolled their authenticator app' }),
  createdAt: Type.String({ format: 'date-time' }),
  grants: Type.Array(GrantSchema, { description: 'The grants within your own scope' }),
});

export const AgentCreatedSchema = Type.Intersect([
  AgentSchema,
  Type.Object({
    password: Type.Optional(Type.String({ description: 'The initial password, shown this once' })),
  }),
]);

export const NewAgentSchema = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    name: Type.String({ maxLength: 200 }),
    grants: Type.Array(GrantInputSchema, { minItems: 1, maxItems: 20 }),
    federationOnly: Type.Optional(Type.Boolean({ description: 'Sign-in through ProConnect only' })),
  },
  { additionalProperties: false },
);

export const AgentPatchSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    federationOnly: Type.Optional(Type.Boolean()),
    active: Type.Optional(
      Type.Boolean({ description: 'false: every session ends and every API token is revoked' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AgentIdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/** An agent as the API answers it: grants with their scope in PRODUCT §7.1's syntax. */
export function presentAgent(agent: AgentAccount) {
  return {
    id: agent.id,
    email: agent.email,
    name: agent.name,
    federationOnly: agent.federationOnly,
    active: agent.active,
    totpEnrolled: agent.totpEnrolled,
    createdAt: agent.createdAt.toISOString(),
    grants: agent.grants.map((grant) => ({ id: grant.id, role: grant.role, scope: scopeLabel(grant.scope) })),
  };
}
