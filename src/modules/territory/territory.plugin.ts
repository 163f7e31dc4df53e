import type { ModulePlugin } from '../../context.ts';
import { field } from '../web/forms.ts';
import { departmentDirectory, searchCommunes, servedDepartments } from './directory.usecases.ts';
import { departmentView, homeView, searchView } from './directory.views.ts';
import { territoryRoutes } from './territory.routes.ts';

const DEPARTMENT_CODE = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;
const MAX_QUERY_LENGTH = 100;
const HIDDEN = { schema: { hide: true } };

/**
 * The territory module's routes: the directory API (départements, procedures), the home page, the
 * commune search and the page of each département. Step 1 of a procedure is the journey's.
 */
export const territoryPlugin: ModulePlugin = async (app, { ctx, web }) => {
  territoryRoutes(app, ctx);

  app.get('/', HIDDEN, async (request, reply) => {
    const departments = await servedDepartments(ctx);
    return web.render(request, reply, homeView, departments);
  });

  app.get('/recherche', HIDDEN, async (request, reply) => {
    const query = field(request.query, 'q', 10_000).trim().slice(0, MAX_QUERY_LENGTH);
    const model = await searchCommunes(ctx, query);
    return web.render(request, reply, searchView, model);
  });

  app.get('/departements/:code', HIDDEN, async (request, reply) => {
    const { code } = request.params as { code: string };
    const model = DEPARTMENT_CODE.test(code) ? await departmentDirectory(ctx, code) : undefined;
    if (!model) return reply.callNotFound();
    return web.render(request, reply, departmentView, model);
  });
};
