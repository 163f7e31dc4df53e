import type { AppContext, ModuleApp } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import type { Web } from '../web/web.plugin.ts';
import { actingOf } from './offices.access.ts';
import { formValues, pathId, savedFlag } from './offices.forms.ts';
import {
  newProcedurePage,
  PROCEDURE_FORM,
  procedurePage,
  proceduresPage,
  submitNewProcedure,
  submitProcedure,
} from './procedures.screens.ts';
import { procedureFormView, proceduresView } from './procedures.views.ts';

const HIDDEN = { schema: { hide: true } };

/** /agents/demarches and each procedure's page (under /agents, behind the session guard). */
export function procedurePages(app: ModuleApp, ctx: AppContext, web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get('/demarches', HIDDEN, async (request, reply) => {
    const model = await proceduresPage(deps, principalOf(request));
    return web.render(request, reply, proceduresView, model);
  });

  app.get('/demarches/nouvelle', HIDDEN, async (request, reply) => {
    const model = await newProcedurePage(deps, principalOf(request));
    return web.render(request, reply, procedureFormView, model);
  });

  app.post('/demarches', HIDDEN, async (request, reply) => {
    const values = formValues(request.body, PROCEDURE_FORM);
    const model = await submitNewProcedure(deps, actingOf(request, ctx), values);
    return web.render(request, reply, procedureFormView, model);
  });

  app.get('/demarches/:id', HIDDEN, async (request, reply) => {
    const id = pathId((request.params as { id: string }).id, 'procedure');
    const model = await procedurePage(deps, principalOf(request), id, savedFlag(request.query));
    return web.render(request, reply, procedureFormView, model);
  });

  app.post('/demarches/:id', HIDDEN, async (request, reply) => {
    const id = pathId((request.params as { id: string }).id, 'procedure');
    const model = await submitProcedure(
      deps,
      actingOf(request, ctx),
      id,
      formValues(request.body, PROCEDURE_FORM),
    );
    return web.render(request, reply, procedureFormView, model);
  });
}
