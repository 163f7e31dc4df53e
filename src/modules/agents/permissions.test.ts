import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authorize, coverageOf, covers, type Principal, ROLES, type Target } from './permissions.ts';

const annecy: Target = { kind: 'site', siteId: 1, departmentCode: '74' };
const thonon: Target = { kind: 'site', siteId: 2, departmentCode: '74' };
const avignon: Target = { kind: 'site', siteId: 3, departmentCode: '84' };

const principal = (grants: Principal['grants']): Principal => ({
  agentId: 1,
  name: 'A',
  email: 'a@x.fr',
  grants,
});

describe('permissions', () => {
  test('a site grant covers its site only, a département grant its sites, a national grant all', () => {
    const site = coverageOf(
      principal([{ role: 'agent', scope: { kind: 'site', siteId: 1, departmentCode: '74' } }]),
      'agenda.read',
    );
    assert.equal(covers(site, annecy), true);
    assert.equal(covers(site, thonon), false);
    assert.equal(covers(site, { kind: 'department', departmentCode: '74' }), false);
    const department = coverageOf(
      principal([{ role: 'agent', scope: { kind: 'department', departmentCode: '74' } }]),
      'agenda.read',
    );
    assert.equal(covers(department, thonon), true);
    assert.equal(covers(department, avignon), false);
    assert.equal(covers(department, { kind: 'national' }), false);
    const national = coverageOf(principal([{ role: 'viewer', scope: { kind: 'national' } }]), 'agenda.read');
    assert.equal(covers(national, avignon), true);
    assert.equal(covers(national, { kind: 'national' }), true);
  });

  test('a permission the role does not bundle is refused as not permitted, anywhere', () => {
    const agent = principal([{ role: 'agent', scope: { kind: 'national' } }]);
    assert.deepEqual(
      { ...authorize(agent, 'site.configure', annecy), message: undefined },
      { allowed: false, reason: 'not_permitted', message: undefined },
    );
  });

  test('a permission held elsewhere is refused as out of scope', () => {
    const manager = principal([
      { role: 'site_manager', scope: { kind: 'department', departmentCode: '74' } },
    ]);
    assert.equal(authorize(manager, 'site.configure', annecy).allowed, true);
    const refused = authorize(manager, 'site.configure', avignon);
    assert.equal(refused.allowed, false);
    assert.equal(!refused.allowed && refused.reason, 'out_of_scope');
  });

  test('grants add up: a role on one site and another on a département', () => {
    const both = principal([
      { role: 'site_manager', scope: { kind: 'site', siteId: 3, departmentCode: '84' } },
      { role: 'viewer', scope: { kind: 'department', departmentCode: '74' } },
    ]);
    assert.equal(authorize(both, 'site.configure', avignon).allowed, true);
    assert.equal(authorize(both, 'site.configure', annecy).allowed, false);
    assert.equal(authorize(both, 'stats.read', thonon).allowed, true);
  });

  test('only administrators manage agents and read the audit log; partners only enter requests', () => {
    for (const role of ['site_manager', 'agent', 'viewer', 'partner'] as const) {
      assert.equal(ROLES[role].includes('agent.manage'), false, role);
      assert.equal(ROLES[role].includes('audit.read'), false, role);
    }
    assert.deepEqual(ROLES.partner, ['request.enter']);
  });
});
