import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { agentOfToken } from '../src/modules/agents/api-tokens.ts';
import { verifyPassword } from '../src/modules/agents/passwords.ts';
import { openTotpSecret } from '../src/modules/agents/totp.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import { type ServerProcess, startServer } from './helpers/server-process.ts';

// The command line of PRODUCT §7.1, run as processes: `agent:create` and `agent:token` on DATABASE_URL,
// their exit codes (2 for a bad argument, named; 1 otherwise), their audit entries; then on the
// embedded database of a running server's DATA_DIR, and the clear message when no server runs.

const ROOT = path.resolve(import.meta.dirname, '..');
const SECRET_KEY = 'cli-test-secret-key-cli-test-secret-key-0123';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command of the project with only the given environment (and PATH). */
function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const script = (name: 'agent-create' | 'agent-token', args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--experimental-strip-types', `src/cli/${name}.ts`, ...args], env);

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

let database: TestDatabase;
let fixture: Fixture;
let env: Record<string, string>;
let dataDir: string;

before(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db);
  dataDir = await mkdtemp(path.join(tmpdir(), 'creneau-cli-'));
  env = { DATABASE_URL: database.url, SECRET_KEY, DATA_DIR: dataDir };
});
after(async () => {
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('agent:create and agent:token on DATABASE_URL', () => {
  test('agent:create prints {email, password, totpSecret} on its last line; the agent exists with them', async () => {
    const result = await script(
      'agent-create',
      [
        '--email',
        'Premiere.Admin@Interieur.gouv.fr',
        '--name',
        'Première Admin',
        '--role',
        'administrator',
        '--scope',
        'national',
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(lastLine(result.stdout));
    assert.deepEqual(Object.keys(printed), ['email', 'password', 'totpSecret']);
    assert.equal(printed.email, 'premiere.admin@interieur.gouv.fr');
    assert.ok(printed.password.length >= 12);
    assert.match(printed.totpSecret, /^[A-Z2-7]{32}$/);
    const agent = await database.db
      .selectFrom('agent')
      .selectAll()
      .where('email', '=', printed.email)
      .executeTakeFirstOrThrow();
    assert.ok(await verifyPassword(agent.password_hash ?? '', printed.password));
    assert.equal(openTotpSecret(SECRET_KEY, agent.totp_secret ?? Buffer.alloc(0)), printed.totpSecret);
    const grants = await database.db
      .selectFrom('role_grant')
      .selectAll()
      .where('agent_id', '=', agent.id)
      .execute();
    assert.deepEqual(
      grants.map((g) => [g.role, g.scope_kind]),
      [['administrator', 'national']],
    );
    const entry = await database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('target_id', '=', String(agent.id))
      .executeTakeFirstOrThrow();
    assert.deepEqual([entry.action, entry.agent_id, entry.address_hash], ['agent.create', null, null]);
    assert.equal((entry.after as { via: string }).via, 'cli');
  });

  test('the scope may be a département code or site:ID, placed from the database', async () => {
    for (const [email, scopeText] of [
      ['dept@interieur.gouv.fr', '74'],
      ['site@interieur.gouv.fr', `site:${fixture.siteId}`],
    ] as const) {
      const result = await script(
        'agent-create',
        [`--email=${email}`, '--name', 'N', '--role', 'agent', '--scope', scopeText],
        env,
      );
      assert.equal(result.code, 0, result.stderr);
    }
    const rows = await database.db
      .selectFrom('role_grant')
      .innerJoin('agent', 'agent.id', 'role_grant.agent_id')
      .select(['agent.email', 'role_grant.department_code', 'role_grant.site_id'])
      .where('agent.email', 'in', ['dept@interieur.gouv.fr', 'site@interieur.gouv.fr'])
      .orderBy('agent.email')
      .execute();
    assert.deepEqual(rows, [
      { email: 'dept@interieur.gouv.fr', department_code: '74', site_id: null },
      { email: 'site@interieur.gouv.fr', department_code: null, site_id: fixture.siteId },
    ]);
  });

  test('a bad argument exits with 2 and one line naming it; nothing is created', async () => {
    const base = { '--email': 'x@interieur.gouv.fr', '--name': 'X', '--role': 'agent', '--scope': '74' };
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ '--scope': undefined }, /^--scope is required$/],
      [
        { '--role': 'superuser' },
        /^--role must be one of administrator, site_manager, agent, viewer, partner$/,
      ],
      [{ '--scope': 'everywhere' }, /^--scope must be national/],
      [{ '--scope': 'site:999999' }, /^--scope names no site/],
      [{ '--scope': '2A' }, /^--scope names no département/],
      [{ '--email': 'not-an-email' }, /^--email is not a valid email address$/],
      [{ '--colour': 'blue' }, /^unknown argument --colour/],
    ];
    for (const [change, message] of cases) {
      const args = Object.entries({ ...base, ...change }).flatMap(([k, v]) =>
        v === undefined ? [] : [k, v],
      );
      const result = await script('agent-create', args, env);
      assert.equal(result.code, 2, `${JSON.stringify(change)}: ${result.stderr}`);
      assert.match(result.stderr.trim(), message);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    }
    const none = await database.db
      .selectFrom('agent')
      .select('id')
      .where('email', '=', 'x@interieur.gouv.fr')
      .execute();
    assert.equal(none.length, 0);
  });

  test('an email already used exits with 1', async () => {
    const args = ['--email', 'dept@interieur.gouv.fr', '--name', 'N', '--role', 'agent', '--scope', '74'];
    const result = await script('agent-create', args, env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /exists already/);
  });

  test('agent:token prints {token}, a token of that agent, audited; an unknown email exits with 1', async () => {
    const result = await script('agent-token', ['--email', 'Dept@interieur.gouv.fr'], env);
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(lastLine(result.stdout));
    assert.deepEqual(Object.keys(printed), ['token']);
    const agent = await database.db
      .selectFrom('agent')
      .select('id')
      .where('email', '=', 'dept@interieur.gouv.fr')
      .executeTakeFirstOrThrow();
    assert.equal(await agentOfToken(database.db, printed.token, new Date()), agent.id);
    const entry = await database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'token.create')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [entry.agent_id, (entry.after as { via: string }).via, entry.department_code],
      [null, 'cli', '74'],
    );

    const unknown = await script('agent-token', ['--email', 'nobody@interieur.gouv.fr'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No agent has this email/);
    const missing = await script('agent-token', [], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^--email is required/);
  });
});

describe('on the embedded database of DATA_DIR', () => {
  let emptyDir: string;
  before(async () => {
    emptyDir = await mkdtemp(path.join(tmpdir(), 'creneau-cli-empty-'));
  });
  after(() => rm(emptyDir, { recursive: true, force: true }));

  test('without DATABASE_URL and no server running, it says so and exits with 1', async () => {
    const args = ['--email', 'a@interieur.gouv.fr', '--name', 'A', '--role', 'agent', '--scope', '74'];
    const result = await script('agent-create', args, { DATA_DIR: emptyDir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^No Créneau server is running on DATA_DIR ".*": start it \(npm start\)/);
  });

  describe('while the server runs', { timeout: 180_000 }, () => {
    let server: ServerProcess;
    let serverDir: string;
    before(async () => {
      serverDir = await mkdtemp(path.join(tmpdir(), 'creneau-cli-server-'));
      server = await startServer({ DATA_DIR: serverDir, CAPTCHA: 'off' }, 120_000);
    });
    after(async () => {
      await server?.stop();
      await rm(serverDir, { recursive: true, force: true });
    });

    test('npm run agent:create and agent:token work on it, and the token opens the admin API', async () => {
      const create = await run(
        'npm',
        [
          'run',
          '--silent',
          'agent:create',
          '--',
          '--email',
          'cli@interieur.gouv.fr',
          '--name',
          'Cli',
          '--role',
          'administrator',
          '--scope',
          '74',
        ],
        { DATA_DIR: serverDir },
      );
      assert.equal(create.code, 0, create.stderr);
      assert.equal(JSON.parse(lastLine(create.stdout)).email, 'cli@interieur.gouv.fr');
      const token = await run('npm', ['run', 'agent:token', '--', '--email', 'cli@interieur.gouv.fr'], {
        DATA_DIR: serverDir,
      });
      assert.equal(token.code, 0, token.stderr);
      const { token: value } = JSON.parse(lastLine(token.stdout));
      const agents = await fetch(`${server.url}/api/v1/admin/agents`, {
        headers: { authorization: `Bearer ${value}` },
      });
      assert.equal(agents.status, 200);
      const emails = ((await agents.json()) as { email: string }[]).map((a) => a.email);
      assert.ok(emails.includes('cli@interieur.gouv.fr'));
      // The demo's département-74 agents are administered by a département-74 administrator.
      assert.ok(emails.includes('responsable.annecy@demo.creneau.localhost'));
    });

    test('the first start printed one demo agent per role, with the otpauth URI, and logged no secret', () => {
      const output = server.output();
      for (const role of ['administrator', 'site_manager', 'agent', 'viewer', 'partner']) {
        assert.match(output, new RegExp(`^  ${role} \\(`, 'm'));
      }
      const passwords = [...output.matchAll(/password: (\S+)/g)].map((m) => m[1] ?? '');
      assert.equal(passwords.length, 5);
      assert.equal((output.match(/otpauth:\/\/totp\//g) ?? []).length, 5);
      const logLines = output.split('\n').filter((line) => line.startsWith('{'));
      for (const password of passwords) assert.ok(!logLines.some((line) => line.includes(password)));
    });
  });
});
