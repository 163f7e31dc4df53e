import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { RoleName } from '../../db/schema.ts';
import { registerAgent } from './agent-admin.usecases.ts';
import { type Scope, scopeLabel } from './permissions.ts';
import { totpUri } from './totp.ts';

// The demo's agents (issue 8, point 1): one per role, on the demo's Préfecture de la Haute-Savoie,
// created with the demo data on the embedded default's first start and printed once on the console —
// their passwords and TOTP secrets exist nowhere else. Never in production.

/** A demo agent and the secrets to sign in with, printed once. */
export interface DemoAgent {
  role: RoleName;
  scope: string;
  email: string;
  name: string;
  password: string;
  totpSecret: string;
  totpUri: string;
}

const DEMO_SITE = { department: '74', name: 'Préfecture de la Haute-Savoie' };
const DOMAIN = 'demo.creneau.localhost';

/**
 * Creates the demo agents, unless in production or once any agent exists (the demo's first start
 * only), or without the demo's Annecy préfecture. Returns them with their secrets.
 */
export async function createDemoAgents(db: Db, config: Config, now: Date): Promise<DemoAgent[]> {
  if (config.production) return [];
  const site = await db
    .selectFrom('site')
    .select(['id', 'department_code'])
    .where('department_code', '=', DEMO_SITE.department)
    .where('name', '=', DEMO_SITE.name)
    .executeTakeFirst();
  if (!site) return [];
  const onSite: Scope = { kind: 'site', siteId: site.id, departmentCode: site.department_code };
  const inDepartment: Scope = { kind: 'department', departmentCode: site.department_code };
  const accounts: { role: RoleName; scope: Scope; email: string; name: string }[] = [
    {
      role: 'administrator',
      scope: { kind: 'national' },
      email: `administrateur@${DOMAIN}`,
      name: 'Alix Administratrice',
    },
    {
      role: 'site_manager',
      scope: onSite,
      email: `responsable.annecy@${DOMAIN}`,
      name: 'Romain Responsable',
    },
    { role: 'agent', scope: onSite, email: `agent.annecy@${DOMAIN}`, name: 'Aïcha Agent' },
    { role: 'viewer', scope: inDepartment, email: `consultation.74@${DOMAIN}`, name: 'Victor Consultation' },
    { role: 'partner', scope: inDepartment, email: `partenaire.74@${DOMAIN}`, name: 'Pauline Partenaire' },
  ];
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('agent').select('id').limit(1).executeTakeFirst();
    if (existing) return [];
    const context = { config, actor: { agentId: null, addressHash: null }, now, via: 'demo' as const };
    const created: DemoAgent[] = [];
    for (const account of accounts) {
      const grants = [{ role: account.role, scope: account.scope }];
      const { password, totpSecret } = await registerAgent(trx, context, {
        ...account,
        grants,
        federationOnly: false,
      });
      created.push({
        role: account.role,
        scope: scopeLabel(account.scope),
        email: account.email,
        name: account.name,
        password: password ?? '',
        totpSecret,
        totpUri: totpUri(totpSecret, account.email),
      });
    }
    return created;
  });
}

/** The console's printout of the demo agents: how to sign in as each, once. */
export function demoAgentsPrintout(agents: readonly DemoAgent[], publicUrl: string): string {
  if (agents.length === 0) return '';
  const lines = [
    `Demo agents (shown this once; sign in at ${publicUrl}/agents/connexion, then enrol the TOTP secret):`,
    ...agents.flatMap((agent) => [
      `  ${agent.role} (${agent.scope}) — ${agent.name}`,
      `    email: ${agent.email}   password: ${agent.password}`,
      `    TOTP secret: ${agent.totpSecret}   ${agent.totpUri}`,
    ]),
  ];
  return lines.join('\n');
}
