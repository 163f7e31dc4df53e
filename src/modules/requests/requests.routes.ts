import type { AppContext, ModuleApp, ModulePlugin } from '../../context.ts';
import { bookingErrors } from '../booking/booking.errors.ts';
import { requestLocale } from '../booking/booking.routes.ts';
import { ErrorSchema, TokenBodySchema, TokenQuerySchema } from '../booking/booking.schemas.ts';
import { networkKey } from '../protection/network-key.ts';
import { getRequest, presentRequest, withdrawRequest } from './request-link.usecases.ts';
import { requestPages } from './request-pages.plugin.ts';
import {
  LabelParamsSchema,
  type RequestBody,
  RequestBodySchema,
  RequestRecordedSchema,
  RequestViewSchema,
} from './requests.schemas.ts';
import { type RequestChoices, type SubmittedRequest, submitRequest } from './requests.usecases.ts';

const errors = {
  400: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  410: ErrorSchema,
  422: ErrorSchema,
};

/** The choices of a request body, absent ones as "any". */
export function choicesOf(
  body: Pick<RequestBody, 'procedureId' | 'siteIds' | 'halfDays' | 'earliest'>,
): RequestChoices {
  return {
    procedureId: body.procedureId,
    siteIds: body.siteIds,
    halfDays: body.halfDays ?? [],
    earliest: body.earliest ?? null,
  };
}

/** The API's answer to a recorded request: its label, its status and its receipt. */
export function presentRecorded(publicUrl: string, request: SubmittedRequest) {
  return {
    label: request.label,
    status: request.status,
    receipt: {
      code: request.receiptCode,
      submittedAt: request.submittedAt.toISOString(),
      pdf: `${publicUrl}/demandes/${request.label}/recepisse.pdf?token=${request.receiptToken}`,
    },
  };
}

/** POST /api/v1/requests, consult and withdraw (PRODUCT §7). */
function requestRoutes(app: ModuleApp, ctx: AppContext): void {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  app.post(
    '/api/v1/requests',
    {
      schema: {
        tags: ['requests'],
        summary:
          'Submit a request for a draw; the same identity again updates its live request (200, same label)',
        body: RequestBodySchema,
        response: { 200: RequestRecordedSchema, 201: RequestRecordedSchema, ...errors },
      },
    },
    async (request, reply) => {
      if (!(await ctx.captcha.verify(request.body.captcha, 'request'))) throw bookingErrors.captchaFailed();
      const input = {
        choices: choicesOf(request.body),
        applicant: request.body.applicant,
        locale: requestLocale(request),
        networkKey: networkKey(ctx.config.secretKey, request.ip),
      };
      const recorded = await submitRequest(deps, input);
      reply.header('cache-control', 'no-store');
      return reply.status(recorded.created ? 201 : 200).send(presentRecorded(ctx.config.publicUrl, recorded));
    },
  );

  app.get(
    '/api/v1/requests/:label',
    {
      schema: {
        tags: ['requests'],
        summary: 'Consult a request with the token of its emailed link',
        params: LabelParamsSchema,
        querystring: TokenQuerySchema,
        response: { 200: RequestViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const details = await getRequest(deps, { label: request.params.label, token: request.query.token });
      reply.header('cache-control', 'no-store');
      return presentRequest(details);
    },
  );

  app.post(
    '/api/v1/requests/:label/withdraw',
    {
      schema: {
        tags: ['requests'],
        summary: 'Withdraw a waiting request with the token of its emailed link',
        params: LabelParamsSchema,
        body: TokenBodySchema,
        response: {
          200: { type: 'object', properties: { label: { type: 'string' }, status: { type: 'string' } } },
          ...errors,
        },
      },
    },
    async (request) => withdrawRequest(deps, { label: request.params.label, token: request.body.token }),
  );
}

/** The requests module's public routes: the API, and the pages of the request journey and its link. */
export const requestsPlugin: ModulePlugin = async (app, { ctx, web }) => {
  requestRoutes(app, ctx);
  requestPages(app, ctx, web);
};
