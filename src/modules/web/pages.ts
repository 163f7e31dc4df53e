import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { bookingPages } from '../booking/booking.pages.ts';
import { journeyPages } from '../booking/journey.pages.ts';
import { managePages } from '../booking/manage.pages.ts';
import { convocationPages } from '../convocation/convocation.pages.ts';
import { directoryPages } from '../territory/directory.pages.ts';
import { staticPages } from './static.pages.ts';
import type { Web } from './web.plugin.ts';

/** Every HTML page of the applicant's journey, registered in a scope that parses HTML forms. */
export function registerPages(app: FastifyInstance, ctx: AppContext, web: Web): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  directoryPages(app, ctx, web);
  journeyPages(app, ctx, web);
  bookingPages(app, ctx, web);
  managePages(app, ctx, web);
  convocationPages(app, ctx, web);
  staticPages(app, ctx, web);
}
