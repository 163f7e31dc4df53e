import type { ModulePlugin } from '../../context.ts';
import { DEPARTMENT_CODE, searchQuery } from './directory.input.ts';
import { departmentDirectory, searchCommunes, servedDepartments } from './directory.usecases.ts';
import { departmentView, homeView, searchView } from './directory.views.ts';
import { territoryRoutes } from './territory.routes.ts';

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
    const model = await searchCommunes(ctx, searchQuery(request.query));
    return web.render(request, reply, searchView, model);
  });

  app.get('/departements/:code', HIDDEN, async (request, reply) => {
    const { code } = request.params as { code: string };
    const model = DEPARTMENT_CODE.test(code) ? await departmentDirectory(ctx, code) : undefined;
    if (!model) return reply.callNotFound();
    return web.render(request, reply, departmentView, model);
  });
};
