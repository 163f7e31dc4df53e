import assert from 'node:assert/strict';
import type { RoleName } from '../../src/db/schema.ts';
import type { Scope } from '../../src/modules/agents/permissions.ts';
import { bearer, createAgent, signedInCookie } from './agents.ts';
import type { TestApp } from './app.ts';
import { createFixture, type Fixture } from './fixtures.ts';

// The set-up of the configuration tests (sites, procedures, offers): two départements, and agents of
// each kind of scope, each with a browser session and an API token.

/** An agent as a test drives them: through the pages (cookie) and the admin API (authorization). */
export interface Driver {
  id: number;
  cookie: string;
  authorization: string;
}

export interface Offices {
  fixture: Fixture;
  /** A site of département 73, out of every 74 agent's reach. */
  otherSiteId: number;
  /** Administrator of département 74. */
  admin74: Driver;
  /** Site manager of the fixture's site only. */
  siteManager: Driver;
  /** Administrator of département 73. */
  admin73: Driver;
  /** Administrator with a national scope. */
  national: Driver;
  /** An agent (counter role) of département 74: may configure nothing. */
  counterAgent: Driver;
}

async function driver(t: TestApp, role: RoleName, scope: Scope): Promise<Driver> {
  const agent = await createAgent(t.database.db, t.config, { grants: [{ role, scope }] });
  const now = t.clock.now();
  return {
    id: agent.id,
    cookie: await signedInCookie(t.database.db, t.config, agent.id, now),
    authorization: await bearer(t.database.db, agent.id, now),
  };
}

/** Départements 74 (the fixture) and 73 (one site), and one agent per kind of scope. */
export async function setUpOffices(t: TestApp): Promise<Offices> {
  const db = t.database.db;
  const fixture = await createFixture(db);
  await db
    .insertInto('department')
    .values({ code: '73', name: 'Savoie', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const other = await db
    .insertInto('site')
    .values({
      department_code: '73',
      name: 'Préfecture de Chambéry',
      kind: 'prefecture',
      address: 'Chambéry',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const dept = (code: string) => ({ kind: 'department' as const, departmentCode: code });
  return {
    fixture,
    otherSiteId: other.id,
    admin74: await driver(t, 'administrator', dept('74')),
    siteManager: await driver(t, 'site_manager', {
      kind: 'site',
      siteId: fixture.siteId,
      departmentCode: '74',
    }),
    admin73: await driver(t, 'administrator', dept('73')),
    national: await driver(t, 'administrator', { kind: 'national' }),
    counterAgent: await driver(t, 'agent', dept('74')),
  };
}

/** A JSON request to the admin API as `who`. */
export function api(
  t: TestApp,
  who: Driver | undefined,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
) {
  return t.app.inject({
    method,
    url: `/api/v1/admin${url}`,
    headers: who ? { authorization: who.authorization } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** A page as `who`'s browser gets it. */
export function page(t: TestApp, who: Driver, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie, accept: 'text/html' } });
}

/**
 * Submits a form as `who`'s browser would: the anti-forgery field and cookie of the page at
 * `formUrl`, then a POST of `fields` to `action`.
 */
export async function submit(
  t: TestApp,
  who: Driver,
  formUrl: string,
  action: string,
  fields: Record<string, string>,
) {
  const form = await page(t, who, formUrl);
  assert.equal(form.statusCode, 200, `the form at ${formUrl} opens: ${form.statusCode}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  assert.ok(csrf, 'the page carries the anti-forgery field');
  const csrfCookie = form.cookies.find((c) => c.name === 'csrf');
  const cookie = csrfCookie ? `${who.cookie}; csrf=${csrfCookie.value}` : who.cookie;
  return t.app.inject({
    method: 'POST',
    url: action,
    headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
  });
}

/** The audit entries of one action on one target. */
export async function auditOf(t: TestApp, action: string, targetId: number | string) {
  return t.database.db
    .selectFrom('audit_entry')
    .select(['agent_id', 'action', 'target_type', 'department_code', 'site_id', 'before', 'after'])
    .where('action', '=', action)
    .where('target_id', '=', String(targetId))
    .execute();
}

/** How many audit entries there are: a refused request adds none. */
export async function auditCount(t: TestApp): Promise<number> {
  const row = await t.database.db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The text of a page's <main>, without tags, for assertions on what a person reads. */
export function mainText(body: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(body)?.[1] ?? body;
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
