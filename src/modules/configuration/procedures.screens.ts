import { AppError, type FieldError } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { type Acting, allows, type ConfigDeps, coverageFor } from './offices.access.ts';
import {
  type FormValues,
  fieldRefusal,
  integerOf,
  lines,
  localizedNames,
  localizedOf,
  localizedValues,
} from './offices.forms.ts';
import { listAllDepartments } from './offices.repository.ts';
import type { ProcedureDetails } from './procedures.repository.ts';
import { type ProcedureInput, TRANSLATION_LOCALES } from './procedures.rules.ts';
import {
  createProcedure,
  getProcedure,
  listProcedures,
  procedureTarget,
  updateProcedure,
} from './procedures.usecases.ts';

// The pages of procedures as use cases: each calls the procedures' actions (the same as the admin
// API's) and returns what its view shows.

const TRANSLATED = ['title', 'description', 'audience', 'documents', 'fees'] as const;
const CHECKBOXES = ['requiresForeignerNumber', 'requiresTitleExpiry', 'requiresPostalCode'] as const;

/** The fields of the procedure form (code, owner and duration only when it is new). */
export const PROCEDURE_FORM = [
  'code',
  'departmentCode',
  'durationMinutes',
  'title',
  'description',
  'audience',
  'documents',
  'fees',
  ...localizedNames('arrivalAdvice'),
  ...localizedNames('admissionRule'),
  ...CHECKBOXES,
  'titleExpiryWithinDays',
  'titleExpiredSinceDays',
  ...TRANSLATION_LOCALES.flatMap((locale) => TRANSLATED.map((name) => `translations.${locale}.${name}`)),
] as const;

/** A procedure in the catalogue, and whether the agent may edit it. */
export type ListedProcedure = ProcedureDetails & { editable: boolean };

/** /agents/demarches: the national catalogue, then each département's own procedures. */
export interface ProceduresPage {
  principal: Principal;
  groups: { departmentCode: string | null; procedures: ListedProcedure[] }[];
  mayCreate: boolean;
}

/** A procedure's form: new (with the owners the agent may choose) or existing. */
export interface ProcedureFormPage {
  principal: Principal;
  procedure?: {
    id: number;
    title: string;
    code: string;
    departmentCode: string | null;
    durationMinutes: number;
  };
  editable: boolean;
  /** Who may own a new procedure: null for the national catalogue, else a département code. */
  owners: (string | null)[];
  values: FormValues;
  errors: FieldError[];
  saved: boolean;
  status?: number;
}

/** The owners the principal may create a procedure for: national, then départements. */
async function creatableOwners(deps: ConfigDeps, principal: Principal): Promise<(string | null)[]> {
  const national = allows(principal, 'procedure.configure', { kind: 'national' }) ? [null] : [];
  const departments = (await listAllDepartments(deps.db))
    .map((d) => d.code)
    .filter((code) => allows(principal, 'procedure.configure', { kind: 'department', departmentCode: code }));
  return [...national, ...departments];
}

/** The catalogue the principal reads, grouped by owner. */
export async function proceduresPage(deps: ConfigDeps, principal: Principal): Promise<ProceduresPage> {
  const procedures = await listProcedures(deps, principal);
  const groups = new Map<string | null, ListedProcedure[]>();
  for (const procedure of procedures) {
    const editable = allows(principal, 'procedure.configure', procedureTarget(procedure));
    groups.set(procedure.departmentCode, [
      ...(groups.get(procedure.departmentCode) ?? []),
      { ...procedure, editable },
    ]);
  }
  const mayCreate = (await creatableOwners(deps, principal)).length > 0;
  return {
    principal,
    groups: [...groups.entries()].map(([departmentCode, list]) => ({ departmentCode, procedures: list })),
    mayCreate,
  };
}

/** The form of a new procedure: 403 unless the agent may create one somewhere. */
export async function newProcedurePage(deps: ConfigDeps, principal: Principal): Promise<ProcedureFormPage> {
  coverageFor(principal, 'procedure.configure');
  const owners = await creatableOwners(deps, principal);
  if (owners.length === 0) {
    throw new AppError(
      403,
      'out_of_scope',
      'Seul un périmètre départemental ou national permet de créer une démarche.',
    );
  }
  const values = { departmentCode: owners.length === 1 ? (owners[0] ?? '') : '', requiresPostalCode: 'oui' };
  return { principal, editable: true, owners, values, errors: [], saved: false };
}

function procedureValues(procedure: ProcedureDetails): FormValues {
  const values: FormValues = {
    code: procedure.code,
    departmentCode: procedure.departmentCode ?? '',
    durationMinutes: String(procedure.durationMinutes),
    title: procedure.title,
    description: procedure.description,
    audience: procedure.audience,
    documents: procedure.documents.join('\n'),
    fees: procedure.fees,
    ...localizedValues('arrivalAdvice', procedure.arrivalAdvice),
    ...localizedValues('admissionRule', procedure.admissionRule),
    titleExpiryWithinDays: procedure.titleExpiryWithinDays?.toString() ?? '',
    titleExpiredSinceDays: procedure.titleExpiredSinceDays?.toString() ?? '',
  };
  for (const name of CHECKBOXES) values[name] = procedure[name] ? 'oui' : '';
  for (const locale of TRANSLATION_LOCALES) {
    const translation = procedure.translations[locale] ?? {};
    for (const name of TRANSLATED) {
      const text = translation[name];
      values[`translations.${locale}.${name}`] = Array.isArray(text) ? text.join('\n') : (text ?? '');
    }
  }
  return values;
}

/** The input the procedures' use cases take, from the form's values. */
export function procedureInputOf(values: FormValues): ProcedureInput {
  const translation = (locale: string) => ({
    title: values[`translations.${locale}.title`] ?? '',
    description: values[`translations.${locale}.description`] ?? '',
    audience: values[`translations.${locale}.audience`] ?? '',
    documents: lines(values[`translations.${locale}.documents`]),
    fees: values[`translations.${locale}.fees`] ?? '',
  });
  return {
    title: values.title ?? '',
    description: values.description ?? '',
    audience: values.audience ?? '',
    documents: lines(values.documents),
    fees: values.fees ?? '',
    arrivalAdvice: localizedOf(values, 'arrivalAdvice'),
    admissionRule: localizedOf(values, 'admissionRule'),
    requiresForeignerNumber: values.requiresForeignerNumber === 'oui',
    requiresTitleExpiry: values.requiresTitleExpiry === 'oui',
    requiresPostalCode: values.requiresPostalCode === 'oui',
    titleExpiryWithinDays: integerOf(values.titleExpiryWithinDays),
    titleExpiredSinceDays: integerOf(values.titleExpiredSinceDays),
    translations: { en: translation('en'), ar: translation('ar') },
  };
}

/** An existing procedure's form, read-only when the agent may not edit it. */
export async function procedurePage(
  deps: ConfigDeps,
  principal: Principal,
  id: number,
  saved: boolean,
): Promise<ProcedureFormPage> {
  const procedure = await getProcedure(deps, principal, id);
  const { code, title, departmentCode, durationMinutes } = procedure;
  return {
    principal,
    procedure: { id, code, title, departmentCode, durationMinutes },
    editable: allows(principal, 'procedure.configure', procedureTarget(procedure)),
    owners: [],
    values: procedureValues(procedure),
    errors: [],
    saved,
  };
}

/** The new procedure form's button: created, or the form again with what to fix. */
export async function submitNewProcedure(
  deps: ConfigDeps,
  acting: Acting,
  values: FormValues,
): Promise<ProcedureFormPage | Redirect> {
  try {
    const owner = (values.departmentCode ?? '').trim();
    const procedure = await createProcedure(deps, acting, {
      ...procedureInputOf(values),
      code: values.code ?? '',
      departmentCode: owner === '' ? null : owner,
      durationMinutes: integerOf(values.durationMinutes),
    });
    return { redirect: `/agents/demarches/${procedure.id}?enregistre=1` };
  } catch (error) {
    const refusal = fieldRefusal(error);
    if (!refusal) throw error;
    return { ...(await newProcedurePage(deps, acting.principal)), values, ...refusal };
  }
}

/** An existing procedure's button: saved, or the form again with what to fix. */
export async function submitProcedure(
  deps: ConfigDeps,
  acting: Acting,
  id: number,
  values: FormValues,
): Promise<ProcedureFormPage | Redirect> {
  try {
    await updateProcedure(deps, acting, id, procedureInputOf(values));
    return { redirect: `/agents/demarches/${id}?enregistre=1` };
  } catch (error) {
    const refusal = fieldRefusal(error);
    if (!refusal) throw error;
    return { ...(await procedurePage(deps, acting.principal, id, false)), values, ...refusal };
  }
}
