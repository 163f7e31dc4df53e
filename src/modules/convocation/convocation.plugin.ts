import type { FastifyReply } from 'fastify';
import type { ModulePlugin } from '../../context.ts';
import { isLinkProblem, linkProblemView } from '../booking/link-problem.ts';
import { field } from '../web/forms.ts';
import { type ConvocationDeps, convocationIcs, convocationPdf, verifyCode } from './convocation.usecases.ts';
import { confirmedConvocation } from './downloads.usecases.ts';
import { verificationView } from './verification.views.ts';

const HIDDEN = { schema: { hide: true } };

/** The booking a download link names: a manage token alone, or any token of the address and a reference. */
const ownBooking = (query: unknown) => ({
  token: field(query, 'token'),
  reference: field(query, 'reference', 20),
});

function sendFile(reply: FastifyReply, type: string, filename: string, body: Buffer | string) {
  return (
    reply
      .type(type)
      .header('content-disposition', `attachment; filename="${filename}"`)
      // The file shows an identity: no cache may keep it.
      .header('cache-control', 'no-store')
      .send(body)
  );
}

/** The convocation module's routes: the downloads (PDF, calendar file) and the public page /verifier. */
export const convocationPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps: ConvocationDeps = { db: ctx.db, clock: ctx.clock, config: ctx.config };

  app.get('/rendez-vous/convocation.pdf', HIDDEN, async (request, reply) => {
    const data = await confirmedConvocation(deps, ownBooking(request.query));
    if (isLinkProblem(data)) return web.render(request, reply, linkProblemView, data);
    const pdf = await convocationPdf(deps, data);
    return sendFile(reply, 'application/pdf', `convocation-${data.reference}.pdf`, pdf);
  });

  app.get('/rendez-vous/convocation.ics', HIDDEN, async (request, reply) => {
    const data = await confirmedConvocation(deps, ownBooking(request.query));
    if (isLinkProblem(data)) return web.render(request, reply, linkProblemView, data);
    const ics = convocationIcs(deps, data);
    return sendFile(reply, 'text/calendar; charset=utf-8', `rendez-vous-${data.reference}.ics`, ics);
  });

  // A GET form: the code comes from a QR code as a link to this page. It stays on our own site, and
  // Referrer-Policy: no-referrer keeps it from any other.
  app.get('/verifier', HIDDEN, async (request, reply) => {
    const code = field(request.query, 'code', 2000).trim();
    const submitted = (request.query as Record<string, unknown> | undefined)?.code !== undefined;
    const verification = code === '' ? undefined : await verifyCode(deps, code);
    return web.render(request, reply, verificationView, { code, submitted, verification });
  });
};
