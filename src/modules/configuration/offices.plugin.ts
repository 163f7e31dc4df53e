import type { ModulePlugin } from '../../context.ts';
import { drawCalendarApiRoutes } from './draw-calendar.api.ts';
import { drawCalendarPages } from './draw-calendar.pages.ts';
import { offerApiRoutes } from './offers.api.ts';
import { offerPages } from './offers.pages.ts';
import { siteApiRoutes } from './offices.api.ts';
import { sitePages } from './offices.pages.ts';
import { procedureApiRoutes } from './procedures.api.ts';
import { procedurePages } from './procedures.pages.ts';

/** The admin API of sites, procedures and offers (app.ts mounts it under /api/v1/admin, token-guarded). */
export const officesApiPlugin: ModulePlugin = async (app, { ctx }) => {
  siteApiRoutes(app, ctx);
  procedureApiRoutes(app, ctx);
  offerApiRoutes(app, ctx);
  drawCalendarApiRoutes(app, ctx);
};

/** The back office's pages of sites, procedures and offers (under /agents, behind the session guard). */
export const officesPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  sitePages(app, ctx, web);
  offerPages(app, ctx, web);
  procedurePages(app, ctx, web);
  drawCalendarPages(app, ctx, web);
};
