import { arabicCount, type Catalog } from './i18n.ts';

// The page shell, the error pages and the checks every page shares.

const fr = {
  serviceName: 'Créneau',
  serviceTagline: 'Rendez-vous des services des étrangers en préfecture',
  republic: 'République\nFrançaise',
  home: 'Accueil',
  skipToContent: 'Aller au contenu',
  skipToFooter: 'Aller au pied de page',
  languageSwitcher: 'Choisir une langue',
  languageNames: { fr: 'Français', en: 'English', ar: 'العربية' },
  footer: {
    description:
      'Créneau est le service public libre de prise de rendez-vous des préfectures pour les démarches de séjour des étrangers.',
    personalData: 'Données personnelles',
    accessibility: 'Accessibilité : partiellement conforme',
    legal: 'Mentions légales',
    help: 'Aide',
    manage: 'Annuler, consulter et gérer mes demandes de rendez-vous',
  },
  errorSummaryTitle: (count: number) =>
    count === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${count} erreurs`,
  errorPrefix: 'Erreur :',
  /** A label and its text, as in an error summary: French puts a space before the colon. */
  labelled: (label: string, text: string) => `${label} : ${text}`,
  required: 'obligatoire',
  optional: 'facultatif',
  back: 'Retour',
  continue: 'Continuer',
  pageNotFound: 'Page introuvable',
  pageNotFoundText: "La page demandée n'existe pas ou a été déplacée.",
  serverError: 'Erreur inattendue',
  serverErrorText: 'Une erreur est survenue de notre côté. Réessayez dans quelques minutes.',
  unavailable: 'Service momentanément indisponible',
  unavailableText:
    'Le service ne peut pas répondre pour le moment. Vos rendez-vous déjà confirmés sont conservés. Réessayez dans quelques instants.',
  forbidden: 'Accès refusé',
  forbiddenText:
    'Vous n’avez pas accès à cette page. Si vous pensez que c’est une erreur, reconnectez-vous ou repartez de l’accueil.',
  badRequest: 'Demande non valide',
  badRequestText:
    'Cette demande n’a pas pu être traitée. Revenez à la page précédente et réessayez, ou repartez de l’accueil.',
  retry: 'Réessayer',
  mainNavigation: 'Menu principal',
  userArea: 'Votre compte',
  signOut: 'Se déconnecter',
  csrfError: 'Le formulaire a expiré. Rechargez la page et recommencez.',
  overBudget: 'Trop de demandes en peu de temps',
  overBudgetText: (seconds: number) =>
    `Pour protéger le service, chaque connexion peut envoyer un nombre limité de demandes par minute. Rien n'a été enregistré : attendez ${seconds} seconde${seconds > 1 ? 's' : ''}, puis revenez à la page précédente et renvoyez le formulaire.`,
  overBudgetShared:
    "Si vous partagez cette connexion (association, cybercafé, lieu d'accueil), d'autres personnes ont pu envoyer des demandes en même temps que vous.",
  writeUnavailableText:
    "Le service ne peut pas enregistrer votre demande pour le moment. Rien n'a été enregistré : réessayez dans quelques instants.",
  badInputTitle: 'Valeur non acceptée',
  badCharacterInForm: (field: string) =>
    `Le champ « ${field} » du formulaire contient un caractère invisible ou mal encodé, souvent ajouté par un copier-coller : revenez à la page précédente, effacez ce champ et retapez-le au clavier.`,
  badCharacterInLink: (field: string) =>
    `Le paramètre « ${field} » de l’adresse de la page contient un caractère invisible ou mal encodé : recopiez le lien en entier depuis le courriel, ou repartez de l’accueil.`,
  badShape: (field: string) =>
    `Le champ « ${field} » n’a pas la forme d’un champ de formulaire (texte) : revenez à la page précédente et envoyez le formulaire depuis la page.`,
  free: 'Cette démarche est gratuite.',
};

const en: typeof fr = {
  serviceName: 'Créneau',
  serviceTagline: 'Appointments with the foreigners’ services of the préfectures',
  republic: 'République\nFrançaise',
  home: 'Home',
  skipToContent: 'Skip to content',
  skipToFooter: 'Skip to footer',
  languageSwitcher: 'Choose a language',
  languageNames: { fr: 'Français', en: 'English', ar: 'العربية' },
  footer: {
    description:
      'Créneau is the free public service for booking appointments with the préfectures for foreigners’ residence procedures.',
    personalData: 'Personal data',
    accessibility: 'Accessibility: partially compliant',
    legal: 'Legal notice',
    help: 'Help',
    manage: 'Cancel, view and manage my appointments',
  },
  errorSummaryTitle: (count: number) =>
    count === 1 ? 'The form has an error' : `The form has ${count} errors`,
  errorPrefix: 'Error:',
  labelled: (label: string, text: string) => `${label}: ${text}`,
  required: 'required',
  optional: 'optional',
  back: 'Back',
  continue: 'Continue',
  pageNotFound: 'Page not found',
  pageNotFoundText: 'This page does not exist or has moved.',
  serverError: 'Unexpected error',
  serverErrorText: 'Something went wrong on our side. Please try again in a few minutes.',
  unavailable: 'Service temporarily unavailable',
  unavailableText:
    'The service cannot answer at the moment. Appointments already confirmed are kept. Please try again in a few moments.',
  forbidden: 'Access denied',
  forbiddenText:
    'You do not have access to this page. If you think this is a mistake, sign in again or start again from the home page.',
  badRequest: 'Request not valid',
  badRequestText:
    'This request could not be handled. Go back to the previous page and try again, or start again from the home page.',
  retry: 'Try again',
  mainNavigation: 'Main menu',
  userArea: 'Your account',
  signOut: 'Sign out',
  csrfError: 'The form has expired. Reload the page and try again.',
  overBudget: 'Too many requests in a short time',
  overBudgetText: (seconds: number) =>
    `To protect the service, each connection may send a limited number of requests per minute. Nothing was saved: wait ${seconds} second${seconds > 1 ? 's' : ''}, then go back to the previous page and send the form again.`,
  overBudgetShared:
    'If you share this connection (an association, an internet café, a support centre), other people may have sent requests at the same time as you.',
  writeUnavailableText:
    'The service cannot save your request at the moment. Nothing was saved: please try again in a few moments.',
  badInputTitle: 'Value not accepted',
  badCharacterInForm: (field: string) =>
    `The form field “${field}” contains an invisible or badly encoded character, often added by copying and pasting: go back to the previous page, clear this field and type it again.`,
  badCharacterInLink: (field: string) =>
    `The parameter “${field}” of the page address contains an invisible or badly encoded character: copy the whole link again from the email, or start again from the home page.`,
  badShape: (field: string) =>
    `The field “${field}” does not have the shape of a form field (text): go back to the previous page and send the form from the page.`,
  free: 'This procedure is free of charge.',
};

const ar: typeof fr = {
  serviceName: 'Créneau',
  serviceTagline: 'مواعيد مصالح الأجانب في المحافظات',
  republic: 'République\nFrançaise',
  home: 'الصفحة الرئيسية',
  skipToContent: 'الانتقال إلى المحتوى',
  skipToFooter: 'الانتقال إلى تذييل الصفحة',
  languageSwitcher: 'اختيار اللغة',
  languageNames: { fr: 'Français', en: 'English', ar: 'العربية' },
  footer: {
    description: 'Créneau هي الخدمة العامة الحرة لحجز المواعيد لدى المحافظات من أجل إجراءات إقامة الأجانب.',
    personalData: 'البيانات الشخصية',
    accessibility: 'إمكانية الوصول: مطابقة جزئيًا',
    legal: 'الإشعارات القانونية',
    help: 'المساعدة',
    manage: 'إلغاء طلبات المواعيد والاطلاع عليها وإدارتها',
  },
  errorSummaryTitle: (count) =>
    `يحتوي النموذج على ${arabicCount(count, {
      zero: () => 'أي خطأ',
      one: () => 'خطأ',
      two: () => 'خطأين',
      few: (n) => `${n} أخطاء`,
      many: (n) => `${n} خطأً`,
      other: (n) => `${n} خطأ`,
    })}`,
  errorPrefix: 'خطأ:',
  labelled: (label, text) => `${label}: ${text}`,
  required: 'إلزامي',
  optional: 'اختياري',
  back: 'رجوع',
  continue: 'متابعة',
  pageNotFound: 'الصفحة غير موجودة',
  pageNotFoundText: 'الصفحة المطلوبة غير موجودة أو نُقلت.',
  serverError: 'خطأ غير متوقع',
  serverErrorText: 'حدث خطأ من جهتنا. أعيدوا المحاولة بعد بضع دقائق.',
  unavailable: 'الخدمة غير متاحة مؤقتًا',
  unavailableText:
    'لا تستطيع الخدمة الاستجابة حاليًا. مواعيدكم المؤكدة من قبل محفوظة. أعيدوا المحاولة بعد لحظات.',
  forbidden: 'الدخول مرفوض',
  forbiddenText:
    'ليس لكم حق الوصول إلى هذه الصفحة. إن كنتم تظنون أن هذا خطأ، سجّلوا الدخول من جديد أو ابدؤوا من الصفحة الرئيسية.',
  badRequest: 'طلب غير صالح',
  badRequestText:
    'تعذّرت معالجة هذا الطلب. عودوا إلى الصفحة السابقة وأعيدوا المحاولة، أو ابدؤوا من الصفحة الرئيسية.',
  retry: 'إعادة المحاولة',
  mainNavigation: 'القائمة الرئيسية',
  userArea: 'حسابكم',
  signOut: 'تسجيل الخروج',
  csrfError: 'انتهت صلاحية النموذج. أعيدوا تحميل الصفحة وابدؤوا من جديد.',
  overBudget: 'طلبات كثيرة جدًا في وقت قصير',
  overBudgetText: (seconds) =>
    `لحماية الخدمة، يمكن لكل اتصال إرسال عدد محدود من الطلبات في الدقيقة. لم يُسجَّل أي شيء: انتظروا ${seconds} ثانية، ثم عودوا إلى الصفحة السابقة وأعيدوا إرسال النموذج.`,
  overBudgetShared:
    'إن كنتم تتشاركون هذا الاتصال (جمعية، مقهى إنترنت، مركز استقبال)، فقد يكون أشخاص آخرون أرسلوا طلبات في الوقت نفسه.',
  writeUnavailableText: 'لا تستطيع الخدمة تسجيل طلبكم حاليًا. لم يُسجَّل أي شيء: أعيدوا المحاولة بعد لحظات.',
  badInputTitle: 'قيمة غير مقبولة',
  badCharacterInForm: (field) =>
    `يحتوي الحقل «${field}» من النموذج على حرف غير مرئي أو سيئ الترميز، يُضاف غالبًا عند النسخ واللصق: عودوا إلى الصفحة السابقة، وامسحوا هذا الحقل وأعيدوا كتابته بلوحة المفاتيح.`,
  badCharacterInLink: (field) =>
    `يحتوي المعامل «${field}» في عنوان الصفحة على حرف غير مرئي أو سيئ الترميز: انسخوا الرابط كاملًا من جديد من البريد الإلكتروني، أو ابدؤوا من الصفحة الرئيسية.`,
  badShape: (field) =>
    `الحقل «${field}» ليس على شكل حقل نموذج (نص): عودوا إلى الصفحة السابقة وأرسلوا النموذج من الصفحة.`,
  free: 'هذا الإجراء مجاني.',
};

export const common: Catalog<typeof fr> = { fr, en, ar };
