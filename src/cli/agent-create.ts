import { systemClock } from '../clock.ts';
import {
  checkAgentEmail,
  checkAgentName,
  isRole,
  parseScopeText,
  resolveScope,
} from '../modules/agents/agent-admin.rules.ts';
import { asEmailTaken, registerAgent } from '../modules/agents/agent-admin.usecases.ts';
import { ROLE_NAMES } from '../modules/agents/permissions.ts';
import { badArgument, CliError, cliConfig, parseArguments, runCommand, withDatabase } from './cli.ts';

// `npm run agent:create -- --email E --name N --role ROLE --scope SCOPE` (PRODUCT §7.1): an agent with a
// random password and a TOTP secret to enrol at the first sign-in, printed on the last line as
// {"email","password","totpSecret"}. The first administrator of a deployment comes from here.

await runCommand(async () => {
  const args = parseArguments(process.argv.slice(2), { required: ['email', 'name', 'role', 'scope'] });
  const email = checkAgentEmail(args.email ?? '');
  if ('error' in email) throw badArgument('email', 'is not a valid email address');
  const name = checkAgentName(args.name ?? '');
  if ('error' in name) throw badArgument('name', 'must be 1 to 200 characters');
  const role = args.role ?? '';
  if (!isRole(role)) throw badArgument('role', `must be one of ${ROLE_NAMES.join(', ')}`);
  const scopeText = parseScopeText(args.scope ?? '');
  if (!scopeText) throw badArgument('scope', 'must be national, a département code such as 74, or site:ID');
  const config = cliConfig();
  const created = await withDatabase(config, async (db) => {
    const scope = await resolveScope(db, scopeText);
    if (!scope)
      throw badArgument(
        'scope',
        `names no ${scopeText.kind === 'site' ? 'site' : 'département'} of this database`,
      );
    const account = { email: email.email, name: name.name, grants: [{ role, scope }], federationOnly: false };
    const context = {
      config,
      actor: { agentId: null, addressHash: null },
      now: systemClock.now(),
      via: 'cli' as const,
    };
    return db
      .transaction()
      .execute((trx) => registerAgent(trx, context, account))
      .catch((error) => {
        const refused = asEmailTaken(error);
        if (refused !== error) throw new CliError(1, 'An agent with this email exists already.');
        throw error;
      });
  });
  console.log(
    JSON.stringify({ email: email.email, password: created.password, totpSecret: created.totpSecret }),
  );
});
