import type { BookingStatus } from '../../db/schema.ts';
import type { Catalog } from '../web/i18n.ts';

// The reception's texts: the page /agents/accueil, the identity comparison, the refusals by code and
// the identity correction's form.

const fr = {
  title: 'Accueil des usagers',
  intro:
    'Scannez le code QR de la convocation : le lecteur le saisit dans le champ et valide. Sans code, saisissez la référence du rendez-vous.',
  qr: 'Code de la convocation',
  qrHint: 'Le curseur est dans ce champ : scannez le code QR avec le lecteur.',
  reference: 'Ou la référence du rendez-vous',
  referenceHint: 'Comme sur la convocation, par exemple 74-K7M3-QX9P.',
  submit: 'Enregistrer l’arrivée',
  camera: 'Lire avec la caméra',
  cameraStop: 'Arrêter la caméra',
  cameraOn: 'Caméra active : présentez le code QR de la convocation devant l’objectif.',
  cameraRead: 'Code lu : enregistrement de l’arrivée…',
  cameraDenied: 'La caméra n’est pas disponible : utilisez le lecteur ou saisissez la référence.',
  cameraVideo: 'Image de la caméra',
  checkedIn: (name: string) => `${name} est enregistré(e) : en attente d’appel.`,
  alreadyIn: (name: string, status: string) => `${name} était déjà enregistré(e) : ${status}.`,
  booking: 'Le rendez-vous',
  labels: {
    reference: 'Référence',
    time: 'Heure',
    procedure: 'Démarche',
    site: 'Service',
    status: 'Statut',
  },
  statuses: {
    pending: 'À confirmer',
    confirmed: 'Confirmé',
    expired: 'Expiré',
    cancelled: "Annulé par l'usager",
    revoked: 'Annulé par le service',
    attended: 'Reçu',
    no_show: 'Absent',
    waiting: 'En attente d’appel',
    called: 'Appelé au guichet',
    served: 'Au guichet',
    missed: 'Absent à l’appel',
  } satisfies Record<BookingStatus, string>,
  compareTitle: 'Identité à comparer avec la pièce présentée',
  compareCaption: 'Identité signée sur la convocation et identité de la réservation',
  noSigned:
    'Arrivée enregistrée par la référence : aucune identité signée à comparer. Comparez la réservation avec la pièce présentée.',
  columns: { field: 'Champ', signed: 'Convocation (signée)', booking: 'Réservation', match: 'Concordance' },
  fields: {
    lastName: 'Nom',
    firstName: 'Prénom',
    birthDate: 'Date de naissance',
    foreignerNumber: 'Numéro étranger',
  },
  same: 'Identique',
  different: 'Différent : vérifiez la pièce',
  notSigned: 'Non porté par le code',
  none: '—',
  differences: (n: number) =>
    n === 1
      ? '1 champ diffère entre la convocation et la réservation : vérifiez la pièce d’identité.'
      : `${n} champs diffèrent entre la convocation et la réservation : vérifiez la pièce d’identité.`,
  errors: {
    invalid_qr:
      'Ce code n’est pas celui d’une convocation authentique (modifié ou illisible). Saisissez la référence à la main et vérifiez la pièce.',
    other_office: 'Cette convocation est celle d’un autre service que les vôtres : orientez la personne.',
    booking_not_found: 'Aucun rendez-vous ne porte cette référence dans vos services.',
    convocation_outdated:
      'Cette convocation n’est plus à jour : le rendez-vous a été déplacé depuis. Saisissez la référence pour voir le rendez-vous actuel.',
    revoked: 'Ce rendez-vous a été annulé par le service.',
    cancelled: 'Ce rendez-vous a été annulé ou n’a pas été confirmé à temps.',
    not_confirmed: 'Ce rendez-vous n’a pas été confirmé par la personne.',
    already_done: 'Ce rendez-vous est déjà terminé.',
    wrong_day: (day: string) => `Ce rendez-vous est prévu le ${day}, pas aujourd'hui.`,
    one_of: 'Scannez le code ou saisissez la référence, pas les deux.',
    reference_invalid: 'La référence s’écrit comme sur la convocation, par exemple 74-K7M3-QX9P.',
    required: 'Scannez le code de la convocation, ou saisissez sa référence.',
  },
  errorTitle: 'Arrivée non enregistrée',
  correction: {
    title: 'Corriger l’identité de la réservation',
    intro:
      'Pour une erreur de saisie constatée sur la pièce (nom mal orthographié, date ou numéro erronés). La correction est enregistrée au journal avec son motif.',
    reason: 'Motif de la correction',
    reasonHint: 'Par exemple : « Nom mal orthographié, vérifié sur le titre de séjour ». 3 à 500 caractères.',
    submit: 'Enregistrer la correction',
    done: (fields: string) => `Identité corrigée : ${fields}.`,
    unchanged: 'Aucun champ n’a changé : rien n’a été corrigé.',
    identity: 'Champs à corriger',
    nothing: 'Modifiez au moins un champ : nom, prénom, date de naissance ou numéro étranger.',
    taken:
      'Une autre réservation active porte déjà cette identité pour cette démarche : la correction est refusée.',
    closed: 'Ce rendez-vous est terminé ou annulé : son identité ne se corrige plus.',
  },
};

const en: typeof fr = {
  title: 'Reception',
  intro:
    'Scan the convocation’s QR code: the scanner types it into the field and submits. Without a code, type the appointment’s reference.',
  qr: 'Convocation code',
  qrHint: 'The cursor is in this field: scan the QR code with the scanner.',
  reference: 'Or the appointment’s reference',
  referenceHint: 'As on the convocation, for example 74-K7M3-QX9P.',
  submit: 'Record the arrival',
  camera: 'Read with the camera',
  cameraStop: 'Stop the camera',
  cameraOn: 'Camera on: hold the convocation’s QR code in front of the lens.',
  cameraRead: 'Code read: recording the arrival…',
  cameraDenied: 'The camera is not available: use the scanner or type the reference.',
  cameraVideo: 'Camera picture',
  checkedIn: (name) => `${name} is checked in: waiting to be called.`,
  alreadyIn: (name, status) => `${name} was already checked in: ${status}.`,
  booking: 'The appointment',
  labels: { reference: 'Reference', time: 'Time', procedure: 'Procedure', site: 'Office', status: 'Status' },
  statuses: {
    pending: 'To be confirmed',
    confirmed: 'Confirmed',
    expired: 'Expired',
    cancelled: 'Cancelled by the applicant',
    revoked: 'Cancelled by the office',
    attended: 'Seen',
    no_show: 'Absent',
    waiting: 'Waiting to be called',
    called: 'Called to a counter',
    served: 'At the counter',
    missed: 'Missed the call',
  },
  compareTitle: 'Identity to compare with the document shown',
  compareCaption: 'Identity signed on the convocation and identity of the booking',
  noSigned:
    'Arrival recorded by reference: no signed identity to compare. Compare the booking with the document shown.',
  columns: { field: 'Field', signed: 'Convocation (signed)', booking: 'Booking', match: 'Match' },
  fields: {
    lastName: 'Last name',
    firstName: 'First name',
    birthDate: 'Date of birth',
    foreignerNumber: 'Foreigner number',
  },
  same: 'Same',
  different: 'Different: check the document',
  notSigned: 'Not in the code',
  none: '—',
  differences: (n) =>
    n === 1
      ? '1 field differs between the convocation and the booking: check the identity document.'
      : `${n} fields differ between the convocation and the booking: check the identity document.`,
  errors: {
    invalid_qr:
      'This code is not a genuine convocation’s (altered or unreadable). Type the reference by hand and check the document.',
    other_office: 'This convocation is for another office than yours: direct the person there.',
    booking_not_found: 'No appointment has this reference in your offices.',
    convocation_outdated:
      'This convocation is out of date: the appointment has been moved since. Type the reference to see the current one.',
    revoked: 'This appointment was cancelled by the office.',
    cancelled: 'This appointment was cancelled or not confirmed in time.',
    not_confirmed: 'This appointment was not confirmed by the person.',
    already_done: 'This appointment is already over.',
    wrong_day: (day) => `This appointment is on ${day}, not today.`,
    one_of: 'Scan the code or type the reference, not both.',
    reference_invalid: 'Write the reference as on the convocation, for example 74-K7M3-QX9P.',
    required: 'Scan the convocation’s code, or type its reference.',
  },
  errorTitle: 'Arrival not recorded',
  correction: {
    title: 'Correct the booking’s identity',
    intro:
      'For a typing error seen on the document (misspelt name, wrong date or number). The correction is kept in the audit log with its reason.',
    reason: 'Reason for the correction',
    reasonHint: 'For example: “Name misspelt, checked on the residence permit”. 3 to 500 characters.',
    submit: 'Save the correction',
    done: (fields) => `Identity corrected: ${fields}.`,
    unchanged: 'No field changed: nothing was corrected.',
    identity: 'Fields to correct',
    nothing: 'Change at least one field: last name, first name, date of birth or foreigner number.',
    taken:
      'Another active booking already holds this identity for this procedure: the correction is refused.',
    closed: 'This appointment is over or cancelled: its identity can no longer be corrected.',
  },
};

const ar: typeof fr = {
  title: 'استقبال المراجعين',
  intro:
    'امسح رمز QR الموجود على الاستدعاء: يكتبه القارئ في الحقل ويرسله. إن لم يكن هناك رمز، فاكتب مرجع الموعد.',
  qr: 'رمز الاستدعاء',
  qrHint: 'المؤشر في هذا الحقل: امسح رمز QR بالقارئ.',
  reference: 'أو مرجع الموعد',
  referenceHint: 'كما هو مكتوب على الاستدعاء، مثلًا 74-K7M3-QX9P.',
  submit: 'تسجيل الحضور',
  camera: 'القراءة بالكاميرا',
  cameraStop: 'إيقاف الكاميرا',
  cameraOn: 'الكاميرا تعمل: ضع رمز QR الخاص بالاستدعاء أمام العدسة.',
  cameraRead: 'تمت قراءة الرمز: جارٍ تسجيل الحضور…',
  cameraDenied: 'الكاميرا غير متاحة: استخدم القارئ أو اكتب المرجع.',
  cameraVideo: 'صورة الكاميرا',
  checkedIn: (name) => `تم تسجيل حضور ${name}: في انتظار النداء.`,
  alreadyIn: (name, status) => `كان حضور ${name} مسجلًا من قبل: ${status}.`,
  booking: 'الموعد',
  labels: { reference: 'المرجع', time: 'الساعة', procedure: 'الإجراء', site: 'المكتب', status: 'الحالة' },
  statuses: {
    pending: 'في انتظار التأكيد',
    confirmed: 'مؤكد',
    expired: 'منتهي الصلاحية',
    cancelled: 'ألغاه صاحب الطلب',
    revoked: 'ألغته الإدارة',
    attended: 'تم الاستقبال',
    no_show: 'غائب',
    waiting: 'في انتظار النداء',
    called: 'تم النداء إلى الشباك',
    served: 'عند الشباك',
    missed: 'غائب عند النداء',
  },
  compareTitle: 'الهوية المطلوب مقارنتها بالوثيقة المقدمة',
  compareCaption: 'الهوية الموقعة على الاستدعاء وهوية الحجز',
  noSigned: 'سُجّل الحضور بالمرجع: لا توجد هوية موقعة للمقارنة. قارن الحجز بالوثيقة المقدمة.',
  columns: { field: 'الحقل', signed: 'الاستدعاء (موقّع)', booking: 'الحجز', match: 'التطابق' },
  fields: {
    lastName: 'اللقب',
    firstName: 'الاسم',
    birthDate: 'تاريخ الميلاد',
    foreignerNumber: 'رقم الأجنبي',
  },
  same: 'مطابق',
  different: 'مختلف: تحقق من الوثيقة',
  notSigned: 'غير موجود في الرمز',
  none: '—',
  differences: (n) =>
    n === 1
      ? 'يختلف حقل واحد بين الاستدعاء والحجز: تحقق من وثيقة الهوية.'
      : `تختلف ${n} حقول بين الاستدعاء والحجز: تحقق من وثيقة الهوية.`,
  errors: {
    invalid_qr: 'هذا الرمز ليس رمز استدعاء أصلي (معدّل أو غير مقروء). اكتب المرجع يدويًا وتحقق من الوثيقة.',
    other_office: 'هذا الاستدعاء خاص بمكتب آخر غير مكاتبك: وجّه الشخص إليه.',
    booking_not_found: 'لا يوجد موعد بهذا المرجع في مكاتبك.',
    convocation_outdated:
      'هذا الاستدعاء لم يعد محدّثًا: نُقل الموعد منذ إصداره. اكتب المرجع لرؤية الموعد الحالي.',
    revoked: 'ألغت الإدارة هذا الموعد.',
    cancelled: 'أُلغي هذا الموعد أو لم يُؤكَّد في الوقت المحدد.',
    not_confirmed: 'لم يؤكد الشخص هذا الموعد.',
    already_done: 'انتهى هذا الموعد.',
    wrong_day: (day) => `هذا الموعد مقرر يوم ${day}، وليس اليوم.`,
    one_of: 'امسح الرمز أو اكتب المرجع، لا الاثنين معًا.',
    reference_invalid: 'اكتب المرجع كما هو على الاستدعاء، مثلًا 74-K7M3-QX9P.',
    required: 'امسح رمز الاستدعاء، أو اكتب مرجعه.',
  },
  errorTitle: 'لم يُسجَّل الحضور',
  correction: {
    title: 'تصحيح هوية الحجز',
    intro:
      'لخطأ في الإدخال يظهر عند مقارنة الوثيقة (لقب مكتوب خطأً، تاريخ أو رقم غير صحيح). يُسجَّل التصحيح في السجل مع سببه.',
    reason: 'سبب التصحيح',
    reasonHint: 'مثلًا: «اللقب مكتوب خطأً، تم التحقق منه في بطاقة الإقامة». من 3 إلى 500 حرف.',
    submit: 'حفظ التصحيح',
    done: (fields) => `تم تصحيح الهوية: ${fields}.`,
    unchanged: 'لم يتغير أي حقل: لم يُصحَّح شيء.',
    identity: 'الحقول المطلوب تصحيحها',
    nothing: 'عدّل حقلًا واحدًا على الأقل: اللقب أو الاسم أو تاريخ الميلاد أو رقم الأجنبي.',
    taken: 'يوجد حجز نشط آخر بهذه الهوية لهذا الإجراء: رُفض التصحيح.',
    closed: 'انتهى هذا الموعد أو أُلغي: لم يعد من الممكن تصحيح هويته.',
  },
};

export const checkInMessages: Catalog<typeof fr> = { fr, en, ar };
