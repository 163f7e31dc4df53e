import type { ModulePlugin } from '../../context.ts';
import { offerApiRoutes } from './offers.api.ts';
import { siteApiRoutes } from './offices.api.ts';
import { procedureApiRoutes } from './procedures.api.ts';

/** The admin API of sites, procedures and offers (app.ts mounts it under /api/v1/admin, token-guarded). */
export const officesApiPlugin: ModulePlugin = async (app, { ctx }) => {
  siteApiRoutes(app, ctx);
  procedureApiRoutes(app, ctx);
  offerApiRoutes(app, ctx);
};
