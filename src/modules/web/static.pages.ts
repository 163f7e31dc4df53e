import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import type { Web } from './web.plugin.ts';

/** (stub) */
export function staticPages(_app: FastifyInstance, _ctx: AppContext, _web: Web): void {}
