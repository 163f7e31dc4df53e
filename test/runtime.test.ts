import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('the runtime the project brings (decision 0014)', () => {
  test('npm scripts run on Node.js 24, whatever the machine has', () => {
    assert.equal(process.versions.node.split('.')[0], '24');
    const bundled = execFileSync(path.join(ROOT, 'node_modules', '.bin', 'node'), ['--version'], {
      encoding: 'utf8',
    });
    assert.match(bundled.trim(), /^v24\./);
  });

  test('the node package is a dependency at major 24 and may run its install script', () => {
    assert.match(packageJson.devDependencies.node, /^\^24\./);
    assert.equal(packageJson.allowScripts.node, true);
  });

  test('an older Node on the machine does not block npm install', () => {
    const npmrc = readFileSync(path.join(ROOT, '.npmrc'), 'utf8');
    assert.doesNotMatch(npmrc, /^\s*engine-strict\s*=\s*true/m);
  });
});
