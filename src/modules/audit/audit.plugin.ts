import type { ModulePlugin } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import { auditScreen } from './audit.pages.ts';
import { auditView } from './audit.views.ts';

const HIDDEN = { schema: { hide: true } };

/** The audit log's screen, /agents/journal, behind the session guard (app.ts's BACK_OFFICE_PAGES). */
export const auditPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  app.get('/journal', HIDDEN, async (request, reply) => {
    const model = await auditScreen(ctx, principalOf(request), request.query);
    return web.render(request, reply, auditView, model);
  });
};
