import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

// `npm run draw:verify` as a third party runs it: a child process on a file or a URL, read by its exit
// code and its last line of JSON.
const ROOT = path.join(import.meta.dirname, '..', '..');
const VECTOR = path.join(ROOT, 'test', 'vectors', 'draw-v1-small.json');
const vectorText = readFileSync(VECTOR, 'utf8');
const vector = JSON.parse(vectorText);

interface Run {
  code: number | null;
  lines: string[];
  verdict: {
    ok: boolean;
    id: unknown;
    requests: number;
    slots: number;
    allocated: number;
    problems: string[];
  };
}

function verify(source: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', 'src/cli/draw-verify.ts', source], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = output.trimEnd().split('\n');
      resolve({ code, lines, verdict: JSON.parse(lines.at(-1) ?? '') });
    });
  });
}

describe('npm run draw:verify', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'creneau-draw-verify-'));
  const file = (name: string, content: unknown) => {
    const target = path.join(dir, name);
    writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
    return target;
  };
  let server: Server;
  let base = '';

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/api/v1/draws/7') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(vectorText);
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found"}}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  test('the specification’s vector file checks out: exit code 0, what was checked, then the verdict', async () => {
    const run = await verify(VECTOR);
    assert.equal(run.code, 0);
    assert.deepEqual(run.verdict, { ok: true, id: 7, requests: 6, slots: 4, allocated: 5, problems: [] });
    assert.ok(run.lines.some((line) => /✔ commitment 630dcd29/.test(line)));
    assert.ok(run.lines.some((line) => /✔ allocation recomputed/.test(line)));
  });

  test('a bundle whose seed does not match its commitment is refused with exit code 1', async () => {
    const run = await verify(file('seed.json', { ...vector, seed: 'ab'.repeat(32) }));
    assert.equal(run.code, 1);
    assert.equal(run.verdict.ok, false);
    assert.ok(run.verdict.problems.some((p) => /is not the SHA-256 of the seed/.test(p)));
  });

  test('a bundle whose allocation was altered is refused with exit code 1', async () => {
    const allocation = vector.allocation.map((entry: { label: string }) =>
      entry.label === 'Z1AB-9C' ? { ...entry, slotId: 101 } : entry,
    );
    const run = await verify(file('altered.json', { ...vector, allocation }));
    assert.equal(run.code, 1);
    assert.deepEqual(run.verdict.problems, ['"Z1AB-9C": the bundle gives slot 101, the draw gives slot 102']);
  });

  test('a bundle served over HTTP checks out', async () => {
    const run = await verify(`${base}/api/v1/draws/7`);
    assert.equal(run.code, 0);
    assert.equal(run.verdict.ok, true);
  });

  test('a bundle that cannot be read gives exit code 2: HTTP 404, no such file, not JSON', async () => {
    for (const source of [
      `${base}/api/v1/draws/8`,
      path.join(dir, 'missing.json'),
      file('text.json', 'hello'),
    ]) {
      const run = await verify(source);
      assert.equal(run.code, 2, source);
      assert.equal(run.verdict.ok, false);
      assert.equal(run.verdict.problems.length, 1);
    }
  });
});
