import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Principal } from '../agents/permissions.ts';
import type { AuditScreen } from './audit.pages.ts';
import { auditView } from './audit.views.ts';

// The journal's screen on its own: a page of entries and the search form, in French and English.

const principal: Principal = {
  agentId: 1,
  name: 'Anne Admin',
  email: 'anne@interieur.gouv.fr',
  grants: [{ role: 'administrator', scope: { kind: 'national' } }],
};

const screen = (overrides: Partial<AuditScreen> = {}): AuditScreen => ({
  principal,
  input: { agent: '', action: 'grant.add', targetType: '', targetId: '', from: '', to: '' },
  page: 1,
  entries: [
    {
      id: '1',
      at: new Date('2029-12-20T09:00:00Z'),
      agentEmail: null,
      action: 'grant.add',
      targetType: 'agent',
      targetId: '42',
      before: null,
      after: { role: 'agent', scope: '<74>' },
    },
  ],
  hasNext: false,
  refused: [],
  ...overrides,
});

describe('the journal', () => {
  test('shows each entry in Paris time, the values escaped, the acting agent or who acted', () => {
    const view = auditView({ locale: 'fr', csrf: 'x' }, screen());
    const html = view.main.value;
    assert.match(html, /20\/12\/2029 10:00/);
    assert.match(html, /aucun \(ligne de commande ou inconnu\)/);
    assert.match(
      html,
      /<code>\{&quot;role&quot;:&quot;agent&quot;,&quot;scope&quot;:&quot;&lt;74&gt;&quot;\}<\/code>/,
    );
    assert.match(html, /<td>agent n° 42<\/td>/);
    assert.match(html, /name="action" type="text" value="grant.add"/);
    assert.doesNotMatch(html, /Page suivante|Page précédente/);
    assert.equal(view.navigation?.items.find((i) => i.current)?.href, '/agents/journal');
  });

  test('pages link to each other keeping the search', () => {
    const html = auditView({ locale: 'en', csrf: 'x' }, screen({ page: 2, hasNext: true })).main.value;
    assert.match(html, /href="\/agents\/journal\?action=grant\.add&amp;page=1">Previous page/);
    assert.match(html, /href="\/agents\/journal\?action=grant\.add&amp;page=3">Next page/);
  });

  test('a refused date is named in the summary and on its field', () => {
    const view = auditView(
      { locale: 'fr', csrf: 'x' },
      screen({ entries: [], refused: [{ field: 'to', code: 'before_from' }] }),
    );
    assert.equal(view.status, 422);
    assert.match(view.main.value, /href="#to">Au : La fin de la période doit suivre son début/);
    assert.match(view.main.value, /id="to"[^>]*aria-invalid="true"/);
  });
});
