import type { Locale } from '../../db/schema.ts';
import type { FieldError, FieldParams } from '../../errors.ts';
import { type Catalog, leftToRight } from '../web/i18n.ts';

// What the applicant is told about each refused field of step 4 (and the API's `message`, in French):
// one message per field and code, made from the error's parameters — never from another message.
// booking/applicant.ts says which field, which code and which values; this catalog says it in words.

type Render = (params: FieldParams) => string;
type FieldMessages = Record<string, Record<string, Render>>;
/** The three codes of a name field. */
type NameMessages = Record<'required' | 'name_invalid' | 'name_too_long', Render>;

const number = (params: FieldParams, name: string) => Number(params[name] ?? 0);
const text = (params: FieldParams, name: string) => String(params[name] ?? '');

/** A YYYY-MM-DD parameter as 31/03/2026. */
function frenchDate(params: FieldParams, name: string): string {
  const [year, month, day] = text(params, name).split('-');
  return `${day}/${month}/${year}`;
}

/** A YYYY-MM-DD parameter as 31 March 2026. */
function englishDate(params: FieldParams, name: string): string {
  const date = new Date(`${text(params, name)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return text(params, name);
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

const DATE_FORMAT_HINT = 'au format AAAA-MM-JJ (par exemple 1990-03-31)';
const ALLOWED_IN_NAMES =
  "seuls les lettres (accents compris), l'apostrophe, le trait d'union et l'espace sont acceptés";
const EMAIL_EXAMPLE = 'par exemple prenom.nom@exemple.fr';

function frenchName(label: 'nom' | 'prénom'): NameMessages {
  const subject = label === 'nom' ? 'Le nom' : 'Le prénom';
  return {
    required: () => `Indiquez le ${label} tel qu'il figure sur le titre de séjour ou le passeport.`,
    name_invalid: (p) => {
      switch (p.reason) {
        case 'non_latin':
          return `${subject} contient des caractères non latins : écrivez le ${label} tel qu'il figure sur votre titre de séjour ou passeport, en caractères latins.`;
        case 'digit':
          return `${subject} ne peut pas contenir de chiffres : ${ALLOWED_IN_NAMES}.`;
        case 'invisible':
          return `${subject} contient un caractère invisible, qui n'est pas accepté : ${ALLOWED_IN_NAMES}.`;
        case 'symbol':
          return `${subject} contient « ${text(p, 'character')} », qui n'est pas accepté : ${ALLOWED_IN_NAMES}.`;
        default:
          return `${subject} doit contenir au moins une lettre.`;
      }
    },
    name_too_long: (p) =>
      `${subject} ne peut pas dépasser ${number(p, 'maxLength')} caractères : écrivez-le tel qu'il figure sur votre titre de séjour ou passeport.`,
  };
}

const fr = {
  lastName: frenchName('nom'),
  firstName: frenchName('prénom'),
  birthDate: {
    required: () => `Indiquez la date de naissance ${DATE_FORMAT_HINT}.`,
    date_invalid: () => `Cette date n'existe pas : indiquez la date de naissance ${DATE_FORMAT_HINT}.`,
    birth_date_future: () => "La date de naissance est dans le futur : vérifiez l'année, le mois et le jour.",
    birth_date_implausible: (p) =>
      `Cette date de naissance donnerait plus de ${number(p, 'maxYears')} ans : vérifiez l'année.`,
  },
  email: {
    required: () =>
      `Indiquez une adresse électronique valide, ${EMAIL_EXAMPLE} : c'est là que vous recevrez le lien de confirmation et la convocation.`,
    email_invalid: () =>
      `Indiquez une adresse électronique valide, ${EMAIL_EXAMPLE} : c'est là que vous recevrez le lien de confirmation et la convocation.`,
    email_invisible_character: () =>
      `L'adresse électronique contient une espace ou un caractère invisible, souvent ajouté par un copier-coller : effacez-la et retapez-la au clavier, ${EMAIL_EXAMPLE}.`,
    email_unsupported_character: (p) =>
      `L'adresse électronique contient « ${text(p, 'character')} », qui ne peut pas être acheminé : avant le @, seuls les lettres sans accent, les chiffres et des signes comme . _ - + sont acceptés ; après le @, un nom de domaine comme exemple.fr.`,
  },
  phone: {
    phone_invalid: () =>
      'Indiquez un numéro de téléphone français (06 12 34 56 78) ou étranger précédé de son indicatif (+32 470 12 34 56), ou laissez ce champ vide.',
  },
  foreignerNumber: {
    required: () =>
      'Indiquez le numéro étranger à 10 chiffres figurant sur le titre de séjour ; pour un proche, indiquez celui de votre proche.',
    foreigner_number_9_digits: (p) =>
      `Les cartes de résident produites avant 2017 portent un numéro à 9 chiffres : ajoutez un 0 après les deux premiers chiffres. Votre numéro est probablement ${text(p, 'corrected')}.`,
    foreigner_number_invalid: () =>
      'Le numéro étranger compte 10 chiffres, sans lettre ni autre signe : il figure sur votre titre de séjour, ou sur la vignette OFII de votre visa long séjour.',
  },
  titleExpiry: {
    required: () => `Indiquez la date de fin de validité du titre de séjour, ${DATE_FORMAT_HINT}.`,
    date_invalid: () =>
      `Cette date n'existe pas : indiquez la date de fin de validité du titre ${DATE_FORMAT_HINT}.`,
    title_expiry_too_early: (p) =>
      `Votre titre est encore valable plus de ${number(p, 'withinDays')} jours : cette démarche vous sera ouverte à partir du ${frenchDate(p, 'opensOn')}. Revenez à cette date pour prendre rendez-vous.`,
    title_expired_too_long: (p) =>
      `Votre titre a expiré le ${frenchDate(p, 'expiredOn')}, il y a plus de ${number(p, 'sinceDays')} jours : il ne peut plus être renouvelé par cette démarche. Vous devez faire une première demande de titre de séjour ; consultez la rubrique « Ma démarche en fonction de ma situation ».`,
  },
  postalCode: {
    required: () => 'Indiquez le code postal de votre domicile (5 chiffres).',
    postal_code_invalid: () => 'Le code postal compte 5 chiffres, par exemple 74000.',
    postal_code_unknown: () =>
      "Ce code postal n'existe pas : vérifiez celui de votre domicile, tel qu'il figure sur votre justificatif de domicile.",
    postal_code_outside_department: (p) =>
      `Ce code postal n'appartient pas au département ${text(p, 'department')} : ce service est réservé aux personnes qui y résident. Si vous habitez dans un autre département, prenez rendez-vous auprès de sa préfecture.`,
  },
} satisfies FieldMessages;

const ONLY_LATIN = 'only letters (accents included), the apostrophe, the hyphen and the space are accepted';
const ENGLISH_EMAIL =
  'Enter a valid email address, for example firstname.name@example.com: the confirmation link and the appointment letter are sent there.';

function englishName(label: 'last name' | 'first name'): NameMessages {
  const subject = label === 'last name' ? 'The last name' : 'The first name';
  return {
    required: () => `Enter the ${label} as written on the residence permit or passport.`,
    name_invalid: (p) => {
      switch (p.reason) {
        case 'non_latin':
          return `${subject} contains non-Latin characters: write the ${label} as on your residence permit or passport, in Latin letters.`;
        case 'digit':
          return `${subject} cannot contain digits: ${ONLY_LATIN}.`;
        case 'invisible':
          return `${subject} contains an invisible character, which is not accepted: ${ONLY_LATIN}.`;
        case 'symbol':
          return `${subject} contains “${text(p, 'character')}”, which is not accepted: ${ONLY_LATIN}.`;
        default:
          return `${subject} must contain at least one letter.`;
      }
    },
    name_too_long: (p) =>
      `${subject} cannot exceed ${number(p, 'maxLength')} characters: write it as on your residence permit or passport.`,
  };
}

const en: typeof fr = {
  lastName: englishName('last name'),
  firstName: englishName('first name'),
  birthDate: {
    required: () => 'Enter the date of birth.',
    date_invalid: () => 'This date does not exist: enter the date of birth.',
    birth_date_future: () => 'The date of birth is in the future: check the year, month and day.',
    birth_date_implausible: (p) =>
      `This date of birth would mean more than ${number(p, 'maxYears')} years: check the year.`,
  },
  email: {
    required: () => ENGLISH_EMAIL,
    email_invalid: () => ENGLISH_EMAIL,
    email_invisible_character: () =>
      'The email address contains a space or an invisible character, often added by copying and pasting: delete it and type it again, for example firstname.name@example.com.',
    email_unsupported_character: (p) =>
      `The email address contains “${text(p, 'character')}”, which cannot be delivered: before the @, only letters without accents, digits and signs such as . _ - + are accepted; after the @, a domain name such as example.com.`,
  },
  phone: {
    phone_invalid: () =>
      'Enter a French phone number (06 12 34 56 78) or a foreign one with its country code (+32 470 12 34 56), or leave this field empty.',
  },
  foreignerNumber: {
    required: () =>
      'Enter the 10-digit foreigner number written on the residence permit; for a relative, enter the relative’s number.',
    foreigner_number_9_digits: (p) =>
      `Residence cards made before 2017 show a 9-digit number: add a 0 after the first two digits. Your number is probably ${text(p, 'corrected')}.`,
    foreigner_number_invalid: () =>
      'The foreigner number has 10 digits, without letters or other signs: it is on your residence permit, or on the OFII sticker of your long-stay visa.',
  },
  titleExpiry: {
    required: () => 'Enter the expiry date of the residence permit.',
    date_invalid: () => 'This date does not exist: enter the expiry date of the permit.',
    title_expiry_too_early: (p) =>
      `Your permit is still valid for more than ${number(p, 'withinDays')} days: this procedure opens to you on ${englishDate(p, 'opensOn')}. Come back on that date to book.`,
    title_expired_too_long: (p) =>
      `Your permit expired on ${englishDate(p, 'expiredOn')}, more than ${number(p, 'sinceDays')} days ago: it can no longer be renewed by this procedure. You must make a first application for a residence permit; see “My procedure according to my situation”.`,
  },
  postalCode: {
    required: () => 'Enter the postal code of your home (5 digits).',
    postal_code_invalid: () => 'The postal code has 5 digits, for example 74000.',
    postal_code_unknown: () =>
      'This postal code does not exist: check the one of your home, as written on your proof of address.',
    postal_code_outside_department: (p) =>
      `This postal code is not in département ${text(p, 'department')}: this service is for people living there. If you live in another département, book with its préfecture.`,
  },
};

/** A YYYY-MM-DD parameter as 31 مارس 2026, by Intl's Arabic (Latin digits, as the emails). */
function arabicDate(params: FieldParams, name: string): string {
  const date = new Date(`${text(params, name)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return text(params, name);
  return new Intl.DateTimeFormat('ar', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

const ARABIC_DATE_HINT = `بصيغة ${leftToRight('YYYY-MM-DD')} (مثلًا ${leftToRight('1990-03-31')})`;
const ARABIC_ALLOWED = 'لا تُقبل إلا الحروف (بما فيها المشكولة)، والفاصلة العليا، والشرطة، والمسافة';
const ARABIC_EMAIL =
  'أدخلوا عنوان بريد إلكتروني صالحًا، مثلًا prenom.nom@exemple.fr: إليه يُرسَل رابط التأكيد والاستدعاء.';

function arabicName(label: 'اللقب' | 'الاسم'): NameMessages {
  return {
    required: () => `أدخلوا ${label} كما هو مكتوب في بطاقة الإقامة أو جواز السفر.`,
    name_invalid: (p) => {
      switch (p.reason) {
        case 'non_latin':
          return `يحتوي ${label} على حروف غير لاتينية: اكتبوه كما هو في بطاقة إقامتكم أو جواز سفركم، بالحروف اللاتينية.`;
        case 'digit':
          return `لا يمكن أن يحتوي ${label} على أرقام: ${ARABIC_ALLOWED}.`;
        case 'invisible':
          return `يحتوي ${label} على حرف غير مرئي، وهو غير مقبول: ${ARABIC_ALLOWED}.`;
        case 'symbol':
          return `يحتوي ${label} على «${text(p, 'character')}»، وهو غير مقبول: ${ARABIC_ALLOWED}.`;
        default:
          return `يجب أن يحتوي ${label} على حرف واحد على الأقل.`;
      }
    },
    name_too_long: (p) =>
      `لا يمكن أن يتجاوز ${label} ${number(p, 'maxLength')} حرفًا: اكتبوه كما هو في بطاقة إقامتكم أو جواز سفركم.`,
  };
}

const ar: typeof fr = {
  lastName: arabicName('اللقب'),
  firstName: arabicName('الاسم'),
  birthDate: {
    required: () => `أدخلوا تاريخ الميلاد ${ARABIC_DATE_HINT}.`,
    date_invalid: () => `هذا التاريخ غير موجود: أدخلوا تاريخ الميلاد ${ARABIC_DATE_HINT}.`,
    birth_date_future: () => 'تاريخ الميلاد في المستقبل: تحققوا من السنة والشهر واليوم.',
    birth_date_implausible: (p) =>
      `تاريخ الميلاد هذا يعني عمرًا يتجاوز ${number(p, 'maxYears')} سنة: تحققوا من السنة.`,
  },
  email: {
    required: () => ARABIC_EMAIL,
    email_invalid: () => ARABIC_EMAIL,
    email_invisible_character: () =>
      'يحتوي عنوان البريد الإلكتروني على مسافة أو حرف غير مرئي، يُضاف غالبًا عند النسخ واللصق: امسحوه وأعيدوا كتابته بلوحة المفاتيح، مثلًا prenom.nom@exemple.fr.',
    email_unsupported_character: (p) =>
      `يحتوي عنوان البريد الإلكتروني على «${text(p, 'character')}»، ولا يمكن إيصال الرسائل إليه: قبل @ لا تُقبل إلا الحروف غير المشكولة والأرقام وعلامات مثل . _ - +؛ وبعد @ اسم نطاق مثل exemple.fr.`,
  },
  phone: {
    phone_invalid: () =>
      `أدخلوا رقم هاتف فرنسيًا (${leftToRight('06 12 34 56 78')}) أو أجنبيًا مسبوقًا برمز بلده (${leftToRight('+32 470 12 34 56')})، أو اتركوا هذا الحقل فارغًا.`,
  },
  foreignerNumber: {
    required: () =>
      'أدخلوا رقم الأجنبي المكوَّن من 10 أرقام والمكتوب في بطاقة الإقامة؛ ولأحد الأقارب، أدخلوا رقمه هو.',
    foreigner_number_9_digits: (p) =>
      `تحمل بطاقات المقيم الصادرة قبل 2017 رقمًا من 9 أرقام: أضيفوا 0 بعد الرقمين الأولين. رقمكم على الأرجح ${text(p, 'corrected')}.`,
    foreigner_number_invalid: () =>
      'يتكون رقم الأجنبي من 10 أرقام، دون حروف ولا علامات أخرى: تجدونه في بطاقة إقامتكم، أو على ملصق OFII في تأشيرة الإقامة الطويلة.',
  },
  titleExpiry: {
    required: () => `أدخلوا تاريخ انتهاء صلاحية بطاقة الإقامة ${ARABIC_DATE_HINT}.`,
    date_invalid: () => `هذا التاريخ غير موجود: أدخلوا تاريخ انتهاء صلاحية البطاقة ${ARABIC_DATE_HINT}.`,
    title_expiry_too_early: (p) =>
      `لا تزال بطاقتكم صالحة لأكثر من ${number(p, 'withinDays')} يومًا: سيُتاح لكم هذا الإجراء ابتداءً من ${arabicDate(p, 'opensOn')}. عودوا في ذلك التاريخ لحجز موعد.`,
    title_expired_too_long: (p) =>
      `انتهت صلاحية بطاقتكم في ${arabicDate(p, 'expiredOn')}، منذ أكثر من ${number(p, 'sinceDays')} يومًا: لم يعد بالإمكان تجديدها بهذا الإجراء. عليكم تقديم طلب أول لبطاقة الإقامة؛ اطّلعوا على قسم «إجرائي حسب وضعي».`,
  },
  postalCode: {
    required: () => 'أدخلوا الرمز البريدي لمحل سكنكم (5 أرقام).',
    postal_code_invalid: () => 'يتكون الرمز البريدي من 5 أرقام، مثلًا 74000.',
    postal_code_unknown: () =>
      'هذا الرمز البريدي غير موجود: تحققوا من رمز محل سكنكم، كما هو مكتوب في إثبات السكن.',
    postal_code_outside_department: (p) =>
      `هذا الرمز البريدي لا ينتمي إلى المقاطعة ${text(p, 'department')}: هذه الخدمة مخصصة للمقيمين فيها. إن كنتم تسكنون في مقاطعة أخرى، احجزوا موعدًا لدى محافظتها.`,
  },
};

/** The messages of the applicant's fields, per field then code. */
export const fieldErrors: Catalog<typeof fr> = { fr, en, ar };

/** The catalog's message for a field error, or undefined when the catalog has none for its code. */
export function catalogMessage(error: Pick<FieldError, 'field' | 'code' | 'params'>, locale: Locale) {
  const messages: FieldMessages = fieldErrors[locale] ?? fieldErrors.fr;
  const render = messages[error.field.replace(/^applicant\./, '')]?.[error.code];
  return render?.(error.params ?? {});
}

/** A field error in the page's language; errors the catalog does not know keep their own message. */
export function fieldMessage(error: FieldError, locale: Locale): string {
  return catalogMessage(error, locale) ?? error.message;
}
