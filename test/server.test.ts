import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { freePort, runServer, startServer } from './helpers/server-process.ts';

// `npm start` as a newcomer runs it: no DATABASE_URL, so an embedded PostgreSQL under DATA_DIR, with
// the demo data. These tests start real processes and look at what a person would see.

const dataDir = mkdtempSync(path.join(tmpdir(), 'creneau-start-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('starting Créneau', () => {
  test('without DATABASE_URL it serves the demo on an embedded PostgreSQL and stops it on SIGTERM', async () => {
    const server = await startServer({ DATA_DIR: dataDir, CAPTCHA: 'off' });
    const departments = (await (await fetch(`${server.url}/api/v1/departments`)).json()) as {
      code: string;
      timezone: string;
    }[];
    const codes = departments.map((d) => d.code);
    for (const code of ['74', '84', '45', '34', '974', '69', '38'])
      assert.ok(codes.includes(code), `${code} in ${codes}`);
    assert.equal(departments.find((d) => d.code === '974')?.timezone, 'Indian/Reunion');

    const procedures = (await (await fetch(`${server.url}/api/v1/procedures?department=74`)).json()) as {
      id: number;
      code: string;
      channel: string;
      siteIds: number[];
    }[];
    const renewal = procedures.find((p) => p.code === 'renouvellement-titre' && p.channel === 'booking');
    assert.ok(renewal, 'the renewal is bookable in Haute-Savoie');
    const availability = (await (
      await fetch(`${server.url}/api/v1/availability?procedure=${renewal.id}&site=${renewal.siteIds[0]}`)
    ).json()) as { slots: unknown[] };
    assert.ok(availability.slots.length > 50, 'eight weeks of slots are published');

    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    const postgresPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    assert.equal(await server.stop('SIGTERM'), 0);
    assert.ok(!isAlive(postgresPid), 'the embedded PostgreSQL stopped with the server');
    assert.ok(!existsSync(pidFile), 'a clean stop leaves no postmaster.pid');
  });

  test('after an unclean stop it starts again on the same data, keeping it', async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    const before = await (await fetch(`${first.url}/api/v1/departments`)).text();
    await first.stop('SIGKILL'); // the PostgreSQL child is orphaned, its postmaster.pid left behind
    const second = await startServer({ DATA_DIR: dataDir });
    assert.equal(
      await (await fetch(`${second.url}/api/v1/departments`)).text(),
      before,
      'demo data not loaded twice',
    );
    assert.equal(await second.stop(), 0);
  });

  test('a stale postmaster.pid naming a dead process does not prevent the start', async () => {
    writeFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), '999999\n/nowhere\n');
    const server = await startServer({ DATA_DIR: dataDir });
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
    assert.equal(await server.stop(), 0);
  });

  test('an HTTP port already in use is reported clearly', async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(port, '127.0.0.1');
    try {
      const { output, exited } = runServer({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      assert.equal(await exited, 1);
      assert.match(output(), new RegExp(`PORT ${port} is already in use`));
      assert.doesNotMatch(output(), /at .*\.ts:\d+/, 'no stack trace for a configuration problem');
    } finally {
      blocker.close();
    }
  });

  test('an unusable DATA_DIR is reported clearly', async () => {
    const file = path.join(dataDir, 'not-a-folder');
    writeFileSync(file, '');
    const { output, exited } = runServer({ DATA_DIR: path.join(file, 'data'), SECRET_KEY: 'x'.repeat(40) });
    assert.equal(await exited, 1);
    assert.match(output(), /DATA_DIR ".*not-a-folder\/data" cannot be used for the embedded database/);
  });

  test('an embedded database port already in use is reported clearly', async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(port, '127.0.0.1');
    try {
      const { output, exited } = runServer({ DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(port) });
      assert.equal(await exited, 1);
      assert.match(output(), new RegExp(`EMBEDDED_DB_PORT ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  test('invalid settings are all listed before anything starts', async () => {
    const { output, exited } = runServer({ PORT: 'eighty', CAPTCHA: 'sometimes', DATA_DIR: dataDir });
    assert.equal(await exited, 1);
    assert.match(output(), /PORT must be a whole number/);
    assert.match(output(), /CAPTCHA must be "on" or "off"/);
  });
});
