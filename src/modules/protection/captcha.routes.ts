import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ModulePlugin } from '../../context.ts';
import { CAPTCHA_ACTIONS, type Captcha, type CaptchaAction } from './captcha.ts';

// Every field the challenge carries must be listed: the response serialiser drops unknown ones, and
// the signature covers them all, so a dropped field would make every challenge unsolvable.
const ChallengeSchema = Type.Object(
  {
    parameters: Type.Object(
      {
        algorithm: Type.String({ description: 'Key derivation function, e.g. PBKDF2/SHA-256' }),
        nonce: Type.String({ description: 'Hex; the counter is appended to it to form the password' }),
        salt: Type.String({ description: 'Hex' }),
        cost: Type.Integer({ description: 'Iterations of the key derivation per attempt' }),
        keyLength: Type.Integer({ description: 'Derived key length in bytes' }),
        keyPrefix: Type.String({ description: 'Hex prefix the derived key must start with' }),
        expiresAt: Type.Integer({ description: 'Unix time in seconds after which the challenge is refused' }),
        keySignature: Type.Optional(Type.String()),
        memoryCost: Type.Optional(Type.Integer()),
        parallelism: Type.Optional(Type.Integer()),
        data: Type.Optional(
          Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
        ),
      },
      { additionalProperties: true },
    ),
    signature: Type.String({ description: 'HMAC of the parameters; send the challenge back unchanged' }),
  },
  {
    description:
      'An ALTCHA proof-of-work challenge (PoW v2). Find the counter whose derived key starts with ' +
      'keyPrefix, then send base64(JSON.stringify({challenge, solution:{counter, derivedKey}})) ' +
      'in the captcha field.',
  },
);

const ChallengeQuerySchema = Type.Object(
  {
    action: Type.Optional(
      Type.Union(
        CAPTCHA_ACTIONS.map((action) => Type.Literal(action)),
        {
          description:
            'The write the solution is for: booking (POST /api/v1/bookings, the default), request ' +
            '(POST /api/v1/requests) or manage_link (the manage page). Another write refuses it.',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

/** GET /api/v1/captcha: a fresh proof-of-work challenge for the ALTCHA widget or an API client. */
export function captchaRoutes(app: FastifyInstance, captcha: Captcha): void {
  app.get<{ Querystring: { action?: CaptchaAction } }>(
    '/api/v1/captcha',
    {
      schema: {
        tags: ['protection'],
        summary: 'A proof-of-work challenge whose solution goes in the captcha field of a write',
        querystring: ChallengeQuerySchema,
        response: { 200: ChallengeSchema },
      },
    },
    async (request, reply) => {
      // Each challenge can be used once: a cached one would be refused as a replay.
      reply.header('Cache-Control', 'no-store');
      return captcha.challenge(request.query.action ?? 'booking');
    },
  );
}

/** The protection module's routes: the proof-of-work challenge (the write budget is a root hook). */
export const protectionPlugin: ModulePlugin = async (app, { ctx }) => captchaRoutes(app, ctx.captcha);
