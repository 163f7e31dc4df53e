import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, type FieldError } from '../errors.ts';
import { errorPageView, wantsPage } from '../modules/web/error-pages.ts';
import type { Web } from '../modules/web/web.plugin.ts';
import { RETRY_AFTER_SECONDS } from './unavailable.ts';
import { toFieldErrors } from './validation.ts';

/**
 * What an error becomes over HTTP, whoever asked: a status, a stable code and the API's French
 * message; `log` says whether it is a fault to record (the details stay in the log, never in the answer).
 */
export interface HttpProblem {
  status: number;
  code: string;
  message: string;
  fields?: FieldError[];
  /** More members of the JSON's `error` object, beside code, message and fields. */
  details?: Readonly<Record<string, unknown>>;
  /** Extra response headers, e.g. Retry-After for a passing state. */
  headers?: Record<string, string>;
  log?: 'error' | 'warn';
}

const problem = (status: number, code: string, message: string): HttpProblem => ({ status, code, message });

/** The one mapping from an error to its answer (the API's JSON and the browsers' pages both use it). */
export function problemOf(error: FastifyError): HttpProblem {
  // A passing state, not a fault of ours: the client is told when to come back (decision 0012).
  if (isDatabaseUnavailable(error)) {
    return {
      ...problem(
        503,
        'unavailable',
        'Le service est momentanément indisponible : réessayez dans quelques instants.',
      ),
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
      log: 'warn',
    };
  }
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      fields: error.fields,
      ...(error.details ? { details: error.details } : {}),
      ...(error.headers ? { headers: { ...error.headers } } : {}),
    };
  }
  if (error.validation) {
    const rootProblem = error.validation.some((e) => e.instancePath === '' && e.keyword === 'type');
    if (error.validationContext === 'body' && rootProblem) {
      return problem(400, 'malformed', 'Le corps de la requête doit être un objet JSON.');
    }
    return {
      ...problem(422, 'invalid', 'Certains champs sont invalides : corrigez-les et réessayez.'),
      fields: toFieldErrors(error.validation as never),
    };
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return problem(413, 'too_large', 'La requête est trop volumineuse.');
  if (status === 429) return problem(429, 'rate_limited', 'Trop de requêtes : réessayez dans une minute.');
  if (status === 415) {
    return problem(415, 'unsupported_media_type', 'Envoyez le corps en application/json.');
  }
  if (status >= 400 && status < 500) {
    const json = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError';
    return problem(
      400,
      'malformed',
      json ? "Le corps de la requête n'est pas un JSON valide." : 'La requête est mal formée.',
    );
  }
  return { ...problem(500, 'internal', 'Erreur interne : réessayez plus tard.'), log: 'error' };
}

/** The answer for an address no route serves. */
export const NOT_FOUND: HttpProblem = problem(404, 'not_found', "Cette adresse n'existe pas.");

/**
 * Sends a problem: a DSFR page to a browser asking for HTML outside the API, else the API's
 * `{"error":{"code","message","fields"?}}`. The one place that makes the choice.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: HttpProblem,
  web: Web | undefined,
): FastifyReply {
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  if (web && wantsPage(request)) {
    const retryUrl = request.method === 'GET' ? request.url : undefined;
    return web.render(request, reply, errorPageView, { status: answer.status, retryUrl });
  }
  const { code, message, fields, details } = answer;
  return reply
    .status(answer.status)
    .send({ error: { ...details, code, message, ...(fields ? { fields } : {}) } });
}

/**
 * The error and not-found handlers of the root scope, inherited by every module's scope. Details of a
 * fault stay in the log; a PostgreSQL error's `detail` can quote the values involved (an email, a
 * name), so only its name, code, message and stack are logged.
 */
export function registerErrorHandling(app: FastifyInstance, web: Web): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = problemOf(error);
    if (answer.log) {
      const { name, code, message, stack } = error;
      const err = answer.log === 'error' ? { name, code, message, stack } : { name, code, message };
      request.log[answer.log]({ err }, answer.log === 'error' ? 'unhandled error' : 'database unavailable');
    }
    return sendProblem(request, reply, answer, web);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, NOT_FOUND, web));
}
