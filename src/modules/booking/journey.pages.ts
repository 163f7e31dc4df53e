import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import type { Web } from '../web/web.plugin.ts';

/** (stub) */
export function journeyPages(_app: FastifyInstance, _ctx: AppContext, _web: Web): void {}
