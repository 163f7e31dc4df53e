import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Principal } from '../agents/permissions.ts';
import type { ProcedureFormPage, ProceduresPage } from './procedures.screens.ts';
import { procedureFormView, proceduresView } from './procedures.views.ts';

// The procedures' views on their own.

const fr = { locale: 'fr' as const, csrf: 'jeton-fr' };
const en = { locale: 'en' as const, csrf: 'jeton-en' };

const principal: Principal = {
  agentId: 1,
  name: 'Camille Martin',
  email: 'camille@prefecture.test',
  grants: [{ role: 'administrator', scope: { kind: 'department', departmentCode: '74' } }],
};

const procedure = {
  id: 3,
  code: 'renouvellement-titre',
  departmentCode: null,
  durationMinutes: 20,
  title: 'Renouvellement',
  description: '',
  audience: '',
  documents: [],
  fees: '',
  arrivalAdvice: null,
  admissionRule: null,
  requiresForeignerNumber: true,
  requiresTitleExpiry: false,
  requiresPostalCode: true,
  titleExpiryWithinDays: null,
  titleExpiredSinceDays: null,
  translations: {},
};

describe('the catalogue', () => {
  test('national procedures first, then the département’s, each to view or edit', () => {
    const model: ProceduresPage = {
      principal,
      groups: [
        { departmentCode: null, procedures: [{ ...procedure, editable: false }] },
        {
          departmentCode: '74',
          procedures: [{ ...procedure, id: 9, departmentCode: '74', title: 'AES', editable: true }],
        },
      ],
      mayCreate: true,
    };
    const page = proceduresView(fr, model);
    assert.match(page.main.value, /<h2>Catalogue national<\/h2>[\s\S]*<h2>Démarches du département 74<\/h2>/);
    assert.match(page.main.value, /href="\/agents\/demarches\/3">Consulter/);
    assert.match(page.main.value, /href="\/agents\/demarches\/9">Modifier/);
    assert.match(page.main.value, /href="\/agents\/demarches\/nouvelle"/);
  });
});

describe('the procedure form', () => {
  const base: ProcedureFormPage = {
    principal,
    editable: true,
    owners: [null, '74'],
    values: { departmentCode: '74', requiresPostalCode: 'oui' },
    errors: [],
    saved: false,
  };

  test('a new procedure chooses its code, owner and duration; translations are marked with their language', () => {
    const page = procedureFormView(fr, base);
    assert.match(page.main.value, /action="\/agents\/demarches"/);
    assert.match(page.main.value, /<option value="">Catalogue national<\/option>/);
    assert.match(page.main.value, /<option value="74" selected>Département 74<\/option>/);
    assert.match(page.main.value, /name="durationMinutes"/);
    assert.match(page.main.value, /id="translations-en-title"[^>]*lang="en" dir="ltr"/);
    assert.match(page.main.value, /id="translations-ar-documents"[^>]*lang="ar" dir="rtl"/);
    assert.match(page.main.value, /id="requiresPostalCode" name="requiresPostalCode" value="oui" checked/);
    assert.doesNotMatch(page.main.value, /id="requiresTitleExpiry"[^>]*checked/);
  });

  test('a procedure the agent may not edit is shown disabled, without a form to send', () => {
    const page = procedureFormView(en, {
      ...base,
      procedure: {
        id: 3,
        title: 'Renouvellement',
        code: 'renouvellement-titre',
        departmentCode: null,
        durationMinutes: 20,
      },
      editable: false,
      owners: [],
    });
    assert.match(page.main.value, /only a scope covering its owner/);
    assert.match(page.main.value, /<fieldset class="fr-fieldset" disabled>/);
    assert.doesNotMatch(page.main.value, /<form/);
    assert.match(page.main.value, /Length of an appointment: 20 minutes\./);
  });

  test('errors of translated fields name the field and its language', () => {
    const page = procedureFormView(fr, {
      ...base,
      errors: [{ field: 'translations.en.title', code: 'too_long', message: '…', params: { max: 300 } }],
      status: 422,
    });
    assert.match(
      page.main.value,
      /href="#translations-en-title">Intitulé \(En anglais\) : Au plus 300 caractères\./,
    );
  });
});
