import type { AppContext, ModuleApp } from '../../context.ts';
import { isLinkProblem } from '../booking/link-problem.ts';
import { requestCertificate } from '../certificate/certificate.usecases.ts';
import { networkKey } from '../protection/network-key.ts';
import { field } from '../web/forms.ts';
import type { Web } from '../web/web.plugin.ts';
import { receiptPdf } from './receipt.usecases.ts';
import { parseRequestForm, parseRequestStep } from './request-journey.input.ts';
import {
  changeChoices,
  requestDetailsOrSummary,
  requestForm,
  requestSecurity,
  submitFromJourney,
} from './request-journey.usecases.ts';
import { requestStepView } from './request-journey.views.ts';
import { receiptDownload, requestPage, withdrawalPage, withdrawFromPage } from './request-page.usecases.ts';
import { requestPageView, requestProblemView, withdrawnView, withdrawView } from './request-page.views.ts';

const HIDDEN = { schema: { hide: true } };
// Steps 2 to 4 change nothing: they spend no write budget (decision 0011). Only step 5 writes.
const NO_WRITE = { config: { write: false }, schema: { hide: true } };

/** The request a page behind a link names: the label of its address, the token of its query or form. */
const link = (params: unknown, source: unknown) => ({
  label: field(params, 'label', 20),
  token: field(source, 'token'),
});

/**
 * The request journey's pages (steps 2 to 5 for a draw offer, after booking's step 1) and the pages
 * behind a request's emailed link: consult, withdraw, download the receipt.
 */
export function requestPages(app: ModuleApp, ctx: AppContext, web: Web): void {
  const deps = {
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    wakeOutbox: ctx.wakeOutbox,
    captcha: ctx.captcha,
  };

  // Step 2: Choix des lieux et des horaires.
  app.get('/departements/:code/demarches/:procedureCode/demande', HIDDEN, async (request, reply) => {
    const input = parseRequestForm(request.params, request.query);
    if (!input) return reply.callNotFound();
    const model = 'redirect' in input ? input : await requestForm(deps, input);
    return web.render(request, reply, requestStepView, model);
  });

  // A POST step opened by its address (language switch, bookmark, back button): start again.
  for (const path of [
    '/demandes/choix',
    '/demandes/securite',
    '/demandes/coordonnees',
    '/demandes/valider',
  ]) {
    app.get(path, HIDDEN, async (request, reply) =>
      web.render(request, reply, requestStepView, { step: 'restart', status: 200 }),
    );
  }

  app.post('/demandes/choix', NO_WRITE, async (request, reply) => {
    const model = await changeChoices(deps, parseRequestStep(request.body));
    return web.render(request, reply, requestStepView, model);
  });

  // Step 3: Contrôle de sécurité, once the choices are acceptable.
  app.post('/demandes/securite', NO_WRITE, async (request, reply) => {
    const model = await requestSecurity(deps, parseRequestStep(request.body));
    return web.render(request, reply, requestStepView, model);
  });

  // Step 4: Coordonnées personnelles; step 5 (Valider et terminer) once the fields are valid.
  app.post('/demandes/coordonnees', NO_WRITE, async (request, reply) => {
    const model = await requestDetailsOrSummary(deps, parseRequestStep(request.body));
    return web.render(request, reply, requestStepView, model);
  });

  // Step 5's button: the only write of the journey.
  app.post('/demandes/valider', HIDDEN, async (request, reply) => {
    const locale = web.locale(request, reply);
    const model = await submitFromJourney(deps, {
      ...parseRequestStep(request.body),
      locale,
      networkKey: networkKey(ctx.config.secretKey, request.ip),
    });
    if (model.step === 'refused' && model.retryAfter) reply.header('retry-after', model.retryAfter);
    return web.render(request, reply, requestStepView, model);
  });

  app.get('/demandes/:label', HIDDEN, async (request, reply) => {
    const model = await requestPage(deps, link(request.params, request.query));
    return web.render(request, reply, requestPageView, model);
  });

  app.get('/demandes/:label/retirer', HIDDEN, async (request, reply) => {
    const model = await withdrawalPage(deps, link(request.params, request.query));
    return web.render(request, reply, withdrawView, model);
  });

  app.post('/demandes/:label/retirer', HIDDEN, async (request, reply) => {
    const model = await withdrawFromPage(deps, link(request.params, request.body));
    return web.render(request, reply, withdrawnView, model);
  });

  app.get('/demandes/:label/recepisse.pdf', HIDDEN, async (request, reply) => {
    const details = await receiptDownload(deps, link(request.params, request.query));
    if (isLinkProblem(details)) return web.render(request, reply, requestProblemView, details);
    const pdf = await receiptPdf(ctx.config, details, ctx.clock.now(), web.locale(request, reply));
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="recepisse-${details.label}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  // The certificate of unavailability of the person the request is for (issue 9 item 8).
  app.get('/demandes/:label/attestation.pdf', HIDDEN, async (request, reply) => {
    const details = await requestPage(deps, link(request.params, request.query));
    if (isLinkProblem(details)) return web.render(request, reply, requestProblemView, details);
    const certificate = await requestCertificate(deps, details.request, web.locale(request, reply));
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${certificate.filename}"`)
      .header('cache-control', 'no-store')
      .send(certificate.pdf);
  });
}
