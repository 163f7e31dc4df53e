import type { Catalog } from '../web/i18n.ts';

// The texts of permit pick-up in the back office: the office's page (mark ready, import) and the desk.

const fr = {
  title: 'Titres prêts à retirer',
  intro:
    'Indiquez les titres de séjour arrivés au service : chaque titulaire reçoit une fois un SMS et un courriel avec un code de retrait, à présenter au guichet.',
  chooseSite: 'Service',
  choose: 'Afficher ce service',
  noSite: 'Aucun service n’est dans votre périmètre.',
  oneTitle: 'Un titre',
  foreignerNumber: 'Numéro étranger (10 chiffres)',
  phone: 'Téléphone portable (facultatif si connu)',
  email: 'Adresse électronique (facultative si connue)',
  lastName: 'Nom (facultatif)',
  firstName: 'Prénom (facultatif)',
  contactHint:
    'Sans téléphone ni adresse saisis, ceux du dernier rendez-vous ou de la dernière demande de ce numéro dans le département sont utilisés.',
  markOne: 'Marquer ce titre comme prêt',
  csvTitle: 'Plusieurs titres (fichier CSV)',
  csvHint:
    'Collez le contenu du fichier : un numéro étranger par ligne, puis, si besoin, le téléphone, l’adresse électronique, le nom et le prénom, séparés par des points-virgules ou des virgules. Si une ligne est refusée, aucune n’est importée.',
  csvLabel: 'Contenu du fichier CSV',
  importCsv: 'Importer',
  imported: (n: number) => (n === 1 ? '1 titre marqué comme prêt.' : `${n} titres marqués comme prêts.`),
  refused: (n: number) =>
    n === 1
      ? '1 ligne est refusée : rien n’a été importé.'
      : `${n} lignes sont refusées : rien n’a été importé.`,
  lineError: (line: number, message: string) => `Ligne ${line} : ${message}`,
  readyTitle: 'Titres en attente de retrait',
  noneReady: 'Aucun titre n’attend son titulaire.',
  columns: { number: 'Numéro étranger', holder: 'Titulaire', reference: 'Code', readyAt: 'Prêt le' },
  unknownName: 'Nom inconnu',
  deskLink: 'Guichet de remise',
  desk: {
    title: 'Guichet de remise des titres',
    intro:
      'Saisissez le code reçu par SMS, ou le numéro étranger, puis comparez le nom avec la pièce d’identité.',
    code: 'Code de retrait ou numéro étranger',
    find: 'Rechercher',
    notFound: 'Aucun titre ne correspond à ce code dans vos services.',
    found: 'Titre trouvé',
    holder: 'Titulaire',
    office: 'Service',
    number: 'Numéro étranger',
    reference: 'Code',
    status: 'État',
    ready: 'Prêt, en attente de retrait',
    collectedOn: (date: string) => `Déjà remis le ${date}`,
    handOver: 'Remettre le titre',
    handedOver: (name: string) => `Titre remis à ${name}.`,
  },
  problems: {
    required: 'le numéro étranger manque.',
    foreigner_number_invalid: 'le numéro étranger doit compter 10 chiffres.',
    foreigner_number_9_digits: 'ce numéro a 9 chiffres : ajoutez un 0 après les deux premiers ({corrected}).',
    phone_invalid: 'ce numéro de téléphone n’est pas valide.',
    email_invalid: 'cette adresse électronique n’est pas valide.',
    duplicate: 'ce numéro figure déjà ligne {first}.',
    no_contact:
      'aucun rendez-vous ni aucune demande de ce numéro dans le département : saisissez un téléphone ou une adresse.',
    already_ready: 'un titre de ce numéro attend déjà son titulaire dans ce service.',
    csv_unreadable: 'le fichier ne peut pas être lu (guillemet non fermé ?).',
    empty: 'aucun numéro à importer.',
    too_many: 'au plus {max} lignes par import.',
  } as Record<string, string>,
};

const en: typeof fr = {
  title: 'Permits ready for pick-up',
  intro:
    'Record the residence permits that have arrived at the office: each holder gets one SMS and one email with a pick-up code to show at the desk.',
  chooseSite: 'Office',
  choose: 'Show this office',
  noSite: 'No office is within your scope.',
  oneTitle: 'One permit',
  foreignerNumber: 'Foreigner number (10 digits)',
  phone: 'Mobile phone (optional if known)',
  email: 'Email address (optional if known)',
  lastName: 'Last name (optional)',
  firstName: 'First name (optional)',
  contactHint:
    'Without a phone or an address typed, those of the latest booking or request of this number in the département are used.',
  markOne: 'Mark this permit ready',
  csvTitle: 'Several permits (CSV file)',
  csvHint:
    'Paste the file’s content: one foreigner number per line, then if needed the phone, the email address, the last and first names, separated by semicolons or commas. If one line is refused, none is imported.',
  csvLabel: 'Content of the CSV file',
  importCsv: 'Import',
  imported: (n) => (n === 1 ? '1 permit marked ready.' : `${n} permits marked ready.`),
  refused: (n) =>
    n === 1 ? '1 line is refused: nothing was imported.' : `${n} lines are refused: nothing was imported.`,
  lineError: (line, message) => `Line ${line}: ${message}`,
  readyTitle: 'Permits waiting for their holder',
  noneReady: 'No permit is waiting for its holder.',
  columns: { number: 'Foreigner number', holder: 'Holder', reference: 'Code', readyAt: 'Ready on' },
  unknownName: 'Name unknown',
  deskLink: 'Pick-up desk',
  desk: {
    title: 'Permit pick-up desk',
    intro:
      'Type the code received by SMS, or the foreigner number, then compare the name with the identity document.',
    code: 'Pick-up code or foreigner number',
    find: 'Search',
    notFound: 'No permit matches this code in your offices.',
    found: 'Permit found',
    holder: 'Holder',
    office: 'Office',
    number: 'Foreigner number',
    reference: 'Code',
    status: 'Status',
    ready: 'Ready, waiting for pick-up',
    collectedOn: (date) => `Already handed over on ${date}`,
    handOver: 'Hand over the permit',
    handedOver: (name) => `Permit handed over to ${name}.`,
  },
  problems: {
    required: 'the foreigner number is missing.',
    foreigner_number_invalid: 'the foreigner number must have 10 digits.',
    foreigner_number_9_digits: 'this number has 9 digits: add a 0 after the first two ({corrected}).',
    phone_invalid: 'this phone number is not valid.',
    email_invalid: 'this email address is not valid.',
    duplicate: 'this number is already on line {first}.',
    no_contact: 'no booking or request of this number in the département: type a phone or an address.',
    already_ready: 'a permit of this number is already waiting for its holder at this office.',
    csv_unreadable: 'the file cannot be read (an unclosed quote?).',
    empty: 'no number to import.',
    too_many: 'at most {max} lines per import.',
  },
};

const ar: typeof fr = {
  title: 'بطاقات جاهزة للاستلام',
  intro:
    'حدّدوا بطاقات الإقامة التي وصلت إلى المكتب: يتلقى كل صاحب بطاقة مرة واحدة رسالة قصيرة وبريدًا إلكترونيًا برمز استلام، يقدّمه عند الشباك.',
  chooseSite: 'المكتب',
  choose: 'عرض هذا المكتب',
  noSite: 'لا يوجد أي مكتب ضمن نطاقكم.',
  oneTitle: 'بطاقة واحدة',
  foreignerNumber: 'رقم الأجنبي (10 أرقام)',
  phone: 'الهاتف المحمول (اختياري إن كان معروفًا)',
  email: 'البريد الإلكتروني (اختياري إن كان معروفًا)',
  lastName: 'اللقب (اختياري)',
  firstName: 'الاسم (اختياري)',
  contactHint: 'إن لم يُدخَل هاتف ولا عنوان، يُستعمل هاتف وعنوان آخر موعد أو آخر طلب لهذا الرقم في المقاطعة.',
  markOne: 'تحديد هذه البطاقة كجاهزة',
  csvTitle: 'عدة بطاقات (ملف CSV)',
  csvHint:
    'الصقوا محتوى الملف: رقم أجنبي في كل سطر، ثم عند الحاجة الهاتف والبريد الإلكتروني واللقب والاسم، تفصل بينها فواصل منقوطة أو فواصل. إذا رُفض سطر واحد، لا يُستورد أي سطر.',
  csvLabel: 'محتوى ملف CSV',
  importCsv: 'استيراد',
  imported: (n) => (n === 1 ? 'حُدّدت بطاقة واحدة كجاهزة.' : `عدد البطاقات المحدَّدة كجاهزة: ${n}.`),
  refused: (n) =>
    n === 1 ? 'رُفض سطر واحد: لم يُستورد أي شيء.' : `عدد الأسطر المرفوضة: ${n}. لم يُستورد أي شيء.`,
  lineError: (line, message) => `السطر ${line}: ${message}`,
  readyTitle: 'بطاقات في انتظار الاستلام',
  noneReady: 'لا توجد أي بطاقة في انتظار صاحبها.',
  columns: { number: 'رقم الأجنبي', holder: 'صاحب البطاقة', reference: 'الرمز', readyAt: 'جاهزة منذ' },
  unknownName: 'اسم غير معروف',
  deskLink: 'شباك التسليم',
  desk: {
    title: 'شباك تسليم البطاقات',
    intro: 'أدخلوا الرمز الوارد في الرسالة القصيرة، أو رقم الأجنبي، ثم قارنوا الاسم بوثيقة الهوية.',
    code: 'رمز الاستلام أو رقم الأجنبي',
    find: 'بحث',
    notFound: 'لا توجد أي بطاقة مطابقة لهذا الرمز في مكاتبكم.',
    found: 'تم العثور على البطاقة',
    holder: 'صاحب البطاقة',
    office: 'المكتب',
    number: 'رقم الأجنبي',
    reference: 'الرمز',
    status: 'الحالة',
    ready: 'جاهزة، في انتظار الاستلام',
    collectedOn: (date) => `سُلّمت من قبل يوم ${date}`,
    handOver: 'تسليم البطاقة',
    handedOver: (name) => `سُلّمت البطاقة إلى ${name}.`,
  },
  problems: {
    required: 'رقم الأجنبي ناقص.',
    foreigner_number_invalid: 'يجب أن يتكون رقم الأجنبي من 10 أرقام.',
    foreigner_number_9_digits: 'لهذا الرقم 9 أرقام: أضيفوا 0 بعد الرقمين الأولين ({corrected}).',
    phone_invalid: 'رقم الهاتف هذا غير صالح.',
    email_invalid: 'عنوان البريد الإلكتروني هذا غير صالح.',
    duplicate: 'هذا الرقم موجود من قبل في السطر {first}.',
    no_contact: 'لا يوجد أي موعد ولا أي طلب لهذا الرقم في المقاطعة: أدخلوا هاتفًا أو عنوانًا.',
    already_ready: 'بطاقة لهذا الرقم تنتظر صاحبها من قبل في هذا المكتب.',
    csv_unreadable: 'تتعذر قراءة الملف (علامة تنصيص غير مغلقة؟).',
    empty: 'لا يوجد أي رقم للاستيراد.',
    too_many: '{max} سطر على الأكثر في كل استيراد.',
  },
};

/** The back office's texts of permit pick-up, per language. */
export const permitMessages: Catalog<typeof fr> = { fr, en, ar };

/** A problem's text in a language, its parameters filled in. */
export function problemText(
  texts: typeof fr,
  code: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const template = texts.problems[code] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}
