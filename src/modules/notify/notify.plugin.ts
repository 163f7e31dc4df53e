import type { ModulePlugin } from '../../context.ts';
import { devMailRoutes } from './dev-mail.routes.ts';

/**
 * The notify module's routes: the mailbox of the in-process SMTP capture (/dev/mail), for a developer
 * to follow the emailed links. app.ts mounts it only without SMTP_URL and outside production.
 */
export const notifyPlugin: ModulePlugin = async (app, { ctx }) => {
  if (ctx.mailCapture) devMailRoutes(app, ctx.mailCapture);
};
