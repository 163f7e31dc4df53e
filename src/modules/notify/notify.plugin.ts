import type { ModulePlugin } from '../../context.ts';
import { devMailRoutes } from './dev-mail.routes.ts';
import { devSmsRoutes } from './sms/dev-sms.routes.ts';

/**
 * The notify module's routes: the mailbox of the in-process SMTP capture (/dev/mail) and the SMS
 * capture's list (/dev/sms), for a developer to follow the links sent. app.ts mounts it only outside
 * production, with the captures server.ts started for want of SMTP_URL and SMS_URL.
 */
export const notifyPlugin: ModulePlugin = async (app, { ctx }) => {
  if (ctx.mailCapture) devMailRoutes(app, ctx.mailCapture);
  if (ctx.smsCapture) devSmsRoutes(app, ctx.smsCapture);
};
