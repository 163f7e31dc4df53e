import type { ModulePlugin } from '../../context.ts';
import { principalOf } from './auth.ts';
import { homeView } from './home.views.ts';

const HIDDEN = { schema: { hide: true } };

/** The back office's own pages behind the sign-in guard (app.ts): its home. */
export const agentsHomePlugin: ModulePlugin = async (app, { web }) => {
  app.get('/', HIDDEN, async (request, reply) => web.render(request, reply, homeView, principalOf(request)));
};
