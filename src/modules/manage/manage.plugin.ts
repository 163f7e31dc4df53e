import { bookingDeps, type ModulePlugin } from '../../context.ts';
import { field } from '../web/forms.ts';
import { confirmedView, confirmView } from './confirm.views.ts';
import { answerOffer, changeEarlierWish, offerPage } from './earlier.usecases.ts';
import { offerAnsweredView, offerView } from './earlier.views.ts';
import {
  askForManageLink,
  cancelAppointment,
  cancellationPage,
  confirmAppointment,
  confirmationPage,
  managePage,
  moveAppointment,
  moveChoice,
} from './manage.usecases.ts';
import { cancelledView, cancelView, managePageView } from './manage.views.ts';
import { moveChoiceView } from './reschedule.views.ts';

const HIDDEN = { schema: { hide: true } };

/** The booking a link or a form names: its token, and a reference when the token opens several. */
const ownBooking = (source: unknown) => ({
  token: field(source, 'token'),
  reference: field(source, 'reference', 20),
});

/**
 * The manage module's routes, under /rendez-vous: the confirmation behind the emailed link, and
 * "Annuler, consulter et gérer mes demandes de rendez-vous" — ask for a link, list, consult, delete,
 * change of slot, the earlier-slot list and its offers. Opening a link never changes anything (mail scanners open links): only POSTs do.
 */
export const managePlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { ...bookingDeps(ctx), captcha: ctx.captcha };

  app.get('/confirmer', HIDDEN, async (request, reply) => {
    const model = await confirmationPage(deps, field(request.query, 'token'));
    return web.render(request, reply, confirmView, model);
  });

  app.post('/confirmer', HIDDEN, async (request, reply) => {
    const model = await confirmAppointment(deps, field(request.body, 'token'));
    return web.render(request, reply, confirmedView, model);
  });

  app.get('/gerer', HIDDEN, async (request, reply) => {
    const model = await managePage(deps, ownBooking(request.query));
    return web.render(request, reply, managePageView, model);
  });

  app.post('/gerer', HIDDEN, async (request, reply) => {
    const input = {
      // Not cut at 254: a longer address must be refused, not shortened into another one.
      email: field(request.body, 'email', 1000).trim(),
      altcha: field(request.body, 'altcha', 10_000),
      locale: web.locale(request, reply),
    };
    const model = await askForManageLink(deps, input);
    return web.render(request, reply, managePageView, model);
  });

  app.get('/supprimer', HIDDEN, async (request, reply) => {
    const model = await cancellationPage(deps, ownBooking(request.query));
    return web.render(request, reply, cancelView, model);
  });

  app.post('/supprimer', HIDDEN, async (request, reply) => {
    const model = await cancelAppointment(deps, ownBooking(request.body));
    return web.render(request, reply, cancelledView, model);
  });

  app.post('/plus-tot/liste', HIDDEN, async (request, reply) => {
    const input = { ...ownBooking(request.body), wanted: field(request.body, 'wanted', 3) };
    const model = await changeEarlierWish(deps, input);
    return web.render(request, reply, managePageView, model);
  });

  app.get('/plus-tot', HIDDEN, async (request, reply) => {
    const model = await offerPage(deps, field(request.query, 'token'));
    return web.render(request, reply, offerView, model);
  });

  app.post('/plus-tot', HIDDEN, async (request, reply) => {
    const input = { token: field(request.body, 'token'), answer: field(request.body, 'answer', 10) };
    const model = await answerOffer(deps, input);
    return web.render(request, reply, offerAnsweredView, model);
  });

  app.get('/changer', HIDDEN, async (request, reply) => {
    const input = {
      ...ownBooking(request.query),
      site: field(request.query, 'site', 12),
      week: field(request.query, 'semaine', 10),
    };
    const model = await moveChoice(deps, input);
    return web.render(request, reply, moveChoiceView, model);
  });

  app.post('/changer', HIDDEN, async (request, reply) => {
    const input = { ...ownBooking(request.body), slotId: field(request.body, 'slotId', 20) };
    const model = await moveAppointment(deps, input);
    return web.render(request, reply, moveChoiceView, model);
  });
};
