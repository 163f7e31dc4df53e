import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendUnavailablePage, wantsPage } from '../modules/web/error-pages.ts';
import type { Web } from '../modules/web/web.plugin.ts';

/** Seconds a client is asked to wait before trying again when the database cannot answer. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Answers 503 with `Retry-After`: a DSFR page for a browser asking for HTML, else the API's
 * `{"error":{"code":"unavailable"}}`. Nothing about the cause is told: it stays in the log.
 */
export function sendUnavailable(
  request: FastifyRequest,
  reply: FastifyReply,
  web: Web | undefined,
): FastifyReply {
  reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (web && wantsPage(request)) return sendUnavailablePage(web, request, reply);
  return reply.status(503).send({
    error: {
      code: 'unavailable',
      message: 'Le service est momentanément indisponible : réessayez dans quelques instants.',
    },
  });
}

/** Whether `work` succeeds within `ms`; a late or failed answer is false (and its failure is handled). */
export function succeedsWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const outcome = work.then(
    () => true,
    () => false,
  );
  return Promise.race([outcome, deadline]).finally(() => clearTimeout(timer));
}
