import { systemClock } from '../clock.ts';
import { agentByEmail } from '../modules/agents/agent-admin.repository.ts';
import { checkAgentEmail } from '../modules/agents/agent-admin.rules.ts';
import { checkTokenName, issueToken } from '../modules/agents/tokens.usecases.ts';
import { badArgument, CliError, cliConfig, parseArguments, runCommand, withDatabase } from './cli.ts';

// `npm run agent:token -- --email E [--name N]` (PRODUCT §7.1): a new API token of the agent, printed as
// {"token"}; an email that is no agent's, or a deactivated agent's, exits with 1.

await runCommand(async () => {
  const args = parseArguments(process.argv.slice(2), { required: ['email'], optional: ['name'] });
  const email = checkAgentEmail(args.email ?? '');
  if ('error' in email) throw badArgument('email', 'is not a valid email address');
  let name: string;
  try {
    name = checkTokenName(args.name ?? 'ligne de commande');
  } catch {
    throw badArgument('name', 'must be 1 to 100 characters');
  }
  const config = cliConfig();
  const token = await withDatabase(config, async (db) => {
    const agent = await agentByEmail(db, email.email);
    if (!agent) throw new CliError(1, 'No agent has this email.');
    if (!agent.active) throw new CliError(1, 'This agent is deactivated: reactivate the account first.');
    const context = {
      actor: { agentId: null, addressHash: null },
      now: systemClock.now(),
      via: 'cli' as const,
    };
    return db.transaction().execute((trx) => issueToken(trx, context, { agentId: agent.id, name }));
  });
  console.log(JSON.stringify({ token: token.token }));
});
