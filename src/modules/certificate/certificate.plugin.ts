import type { FastifyReply } from 'fastify';
import type { ModulePlugin } from '../../context.ts';
import { parseCertificateAddress, parseCertificateForm } from './certificate.input.ts';
import {
  type CertificateDeps,
  certificateForm,
  type IssuedCertificate,
  isIssued,
  submitCertificateForm,
} from './certificate.usecases.ts';
import { certificateFormView } from './certificate.views.ts';

const HIDDEN = { schema: { hide: true } };

/** Sends a certificate: it shows an identity, so no cache may keep it. */
function sendCertificate(reply: FastifyReply, certificate: IssuedCertificate): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${certificate.filename}"`)
    .header('cache-control', 'no-store')
    .send(certificate.pdf);
}

/**
 * The certificate module's routes: the form asking for the identity after a search that found nothing
 * (its GET names only the procedure), and its POST answering with the PDF. The request's page has its
 * own download (requests/request-pages.plugin.ts).
 */
export const certificatePlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps: CertificateDeps = { db: ctx.db, clock: ctx.clock, config: ctx.config, captcha: ctx.captcha };

  app.get('/attestation', HIDDEN, async (request, reply) => {
    const address = parseCertificateAddress(request.query);
    const model = address && (await certificateForm(deps, address));
    if (!model) return reply.callNotFound();
    return web.render(request, reply, certificateFormView, model);
  });

  // A POST that writes nothing, yet spends the write budget: each answer signs and renders a PDF.
  app.post('/attestation', HIDDEN, async (request, reply) => {
    const input = parseCertificateForm(request.body);
    const locale = web.locale(request, reply);
    const result = input && (await submitCertificateForm(deps, { ...input, locale }));
    if (!result) return reply.callNotFound();
    if (isIssued(result)) return sendCertificate(reply, result);
    return web.render(request, reply, certificateFormView, result);
  });
};
