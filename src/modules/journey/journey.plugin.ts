import { bookingDeps, type ModulePlugin } from '../../context.ts';
import { networkKey } from '../protection/network-key.ts';
import { isRedirect } from '../web/web.plugin.ts';
import { descriptifView } from './descriptif.views.ts';
import { parseDescriptif, parseSlotChoice, parseStep } from './journey.input.ts';
import {
  chooseSlot,
  describeProcedure,
  detailsOrSummary,
  securityStep,
  submitBooking,
} from './journey.usecases.ts';
import { journeyStepView } from './journey.views.ts';
import { slotChoiceView } from './slot-choice.views.ts';

const HIDDEN = { schema: { hide: true } };
// Steps 3 and 4 change nothing: they spend no write budget (decision 0011). Only step 5 writes.
const NO_WRITE = { config: { write: false }, schema: { hide: true } };

/**
 * The journey module's routes: the applicant's five steps (PRODUCT §4.3). Steps 1 and 2 are GETs
 * (navigation only: procedure, office, week); steps 3 to 5 are POSTs whose hidden fields carry the
 * choices, so that no personal data ever appears in a URL.
 */
export const journeyPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { ...bookingDeps(ctx), captcha: ctx.captcha };

  // Step 1: Descriptif.
  app.get('/departements/:code/demarches/:procedureCode', HIDDEN, async (request, reply) => {
    const input = parseDescriptif(request.params, request.query);
    const model = input && (await describeProcedure(deps, input));
    if (!model) return reply.callNotFound();
    return web.render(request, reply, descriptifView, model);
  });

  // Step 2: Choix d'une plage.
  app.get('/departements/:code/demarches/:procedureCode/plage', HIDDEN, async (request, reply) => {
    const input = parseSlotChoice(request.params, request.query);
    const model = isRedirect(input) ? input : await chooseSlot(deps, input);
    return web.render(request, reply, slotChoiceView, model);
  });

  // A POST step opened by its address (language switch, bookmark, back button): start again.
  for (const path of ['/rendez-vous/securite', '/rendez-vous/coordonnees', '/rendez-vous/valider']) {
    app.get(path, HIDDEN, async (request, reply) =>
      web.render(request, reply, journeyStepView, { step: 'restart', status: 200 }),
    );
  }

  // Step 3: Contrôle de sécurité.
  app.post('/rendez-vous/securite', NO_WRITE, async (request, reply) => {
    const model = await securityStep(deps, parseStep(request.body));
    return web.render(request, reply, journeyStepView, model);
  });

  // Step 4: Coordonnées personnelles; step 5 (Valider et terminer) once the fields are valid.
  app.post('/rendez-vous/coordonnees', NO_WRITE, async (request, reply) => {
    const model = await detailsOrSummary(deps, parseStep(request.body));
    return web.render(request, reply, journeyStepView, model);
  });

  // Step 5's button: the only write of the journey.
  app.post('/rendez-vous/valider', HIDDEN, async (request, reply) => {
    const locale = web.locale(request, reply);
    const model = await submitBooking(deps, {
      ...parseStep(request.body),
      locale,
      networkKey: networkKey(ctx.config.secretKey, request.ip),
    });
    return web.render(request, reply, journeyStepView, model);
  });
};
