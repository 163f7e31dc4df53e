import type { DrawKind, DrawStatus, Locale } from '../../db/schema.ts';
import type { FieldError, FieldParams } from '../../errors.ts';
import type { Catalog } from '../web/i18n.ts';

// The texts of the public draw pages (/tirages, /tirages/ID) and of a one-off draw's refused fields
// (the admin API's `message` is the French one). French first; English has the same shape.

type Render = (params: FieldParams) => string;
const value = (params: FieldParams, name: string) => String(params[name] ?? '');

const frFields = {
  offer_not_draw: () =>
    'Cette offre n’est pas attribuée par tirage au sort : choisissez une offre en mode « tirage ».',
  not_after_opening: () => 'La clôture des demandes doit suivre leur ouverture.',
  window_too_long: (p) => `Les demandes peuvent être reçues pendant ${value(p, 'maxDays')} jours au plus.`,
  past: () => 'Cette date est déjà passée : la clôture des demandes doit être à venir.',
  not_after_closing: (p) =>
    `La période des rendez-vous doit commencer après le jour de clôture des demandes (${value(p, 'closesOn')}).`,
  too_far: (p) =>
    `La période des rendez-vous doit commencer au plus ${value(p, 'maxDays')} jours après la clôture des demandes.`,
  before_from: () => 'La fin de la période doit suivre son début.',
  period_too_long: (p) => `Une période compte ${value(p, 'maxDays')} jours au plus.`,
  no_beacon: () =>
    'Aucune balise publique n’est configurée (DRAW_BEACON_URL) : ne donnez pas de tour de balise.',
  required: () => 'Choisissez une offre.',
  date_time_invalid: () => 'Indiquez une date (JJ/MM/AAAA) et, pour les heures, une heure (HH:MM).',
  before_closing: (p) =>
    `Ce tour de la balise est publié avant la clôture des demandes : choisissez le tour ${value(p, 'minimum')} ou un tour suivant.`,
} satisfies Record<string, Render>;

const enFields: typeof frFields = {
  offer_not_draw: () => 'This offer is not allocated by draw: choose an offer in "draw" mode.',
  not_after_opening: () => 'The window must close after it opens.',
  window_too_long: (p) => `Requests may be collected for at most ${value(p, 'maxDays')} days.`,
  past: () => 'This date has passed: the window must close in the future.',
  not_after_closing: (p) =>
    `The period of appointments must start after the window's closing day (${value(p, 'closesOn')}).`,
  too_far: (p) =>
    `The period of appointments must start at most ${value(p, 'maxDays')} days after the window closes.`,
  before_from: () => 'The period must end after it starts.',
  period_too_long: (p) => `A period lasts at most ${value(p, 'maxDays')} days.`,
  no_beacon: () => 'No public beacon is configured (DRAW_BEACON_URL): give no beacon round.',
  required: () => 'Choose an offer.',
  date_time_invalid: () => 'Enter a date (DD/MM/YYYY) and, for times, a time (HH:MM).',
  before_closing: (p) =>
    `This beacon round is published before the window closes: choose round ${value(p, 'minimum')} or a later one.`,
};

const arFields: typeof frFields = {
  offer_not_draw: () => 'هذا العرض لا يُخصَّص بالقرعة: اختاروا عرضًا بنمط «القرعة».',
  not_after_opening: () => 'يجب أن يأتي إغلاق الطلبات بعد فتحها.',
  window_too_long: (p) => `يمكن تلقي الطلبات لمدة ${value(p, 'maxDays')} يومًا على الأكثر.`,
  past: () => 'هذا التاريخ قد مضى: يجب أن يكون إغلاق الطلبات في المستقبل.',
  not_after_closing: (p) => `يجب أن تبدأ فترة المواعيد بعد يوم إغلاق الطلبات (${value(p, 'closesOn')}).`,
  too_far: (p) => `يجب أن تبدأ فترة المواعيد بعد إغلاق الطلبات بـ ${value(p, 'maxDays')} يومًا على الأكثر.`,
  before_from: () => 'يجب أن تأتي نهاية الفترة بعد بدايتها.',
  period_too_long: (p) => `لا تتجاوز الفترة ${value(p, 'maxDays')} يومًا.`,
  no_beacon: () => 'لم تُضبط أي منارة عشوائية عامة (DRAW_BEACON_URL): لا تحددوا جولة منارة.',
  required: () => 'اختاروا عرضًا.',
  date_time_invalid: () => 'أدخلوا تاريخًا (DD/MM/YYYY) وللساعات ساعة (HH:MM).',
  before_closing: (p) =>
    `تُنشر جولة المنارة هذه قبل إغلاق الطلبات: اختاروا الجولة ${value(p, 'minimum')} أو جولة لاحقة.`,
};

/** A draw's refused fields, per language. */
export const fieldCatalog: Catalog<typeof frFields> = { fr: frFields, en: enFields, ar: arFields };

/** A refused field of a draw in a language; codes the catalog does not know keep their message. */
export function drawFieldMessage(
  error: Pick<FieldError, 'code' | 'params'> & { message?: string },
  locale: Locale,
): string {
  const messages: Record<string, Render> = fieldCatalog[locale] ?? frFields;
  const render = messages[error.code];
  return render ? render(error.params ?? {}) : (error.message ?? error.code);
}

const fr = {
  drawTitle: (id: number) => `Tirage au sort n° ${id}`,
  listTitle: 'Tirages au sort',
  listIntro: (procedure: string) =>
    `Les tirages au sort de la démarche « ${procedure} » : chacun publie son engagement dès sa création et sa graine après le tirage, pour que chacun puisse le refaire.`,
  noDraw: 'Aucun tirage au sort pour cette démarche.',
  drawColumn: 'Tirage',
  closesColumn: 'Clôture des demandes',
  procedure: 'Démarche',
  offices: 'Lieux',
  status: 'État',
  statuses: {
    open: 'Demandes ouvertes',
    closed: 'Demandes closes, tirage à venir',
    drawn: 'Tiré',
  } satisfies Record<DrawStatus, string>,
  kind: 'Type',
  kinds: { main: 'Tirage principal', follow_up: 'Tirage complémentaire (places libérées)' } satisfies Record<
    DrawKind,
    string
  >,
  window: 'Dépôt des demandes',
  windowRange: (opens: string, closes: string) => `du ${opens} au ${closes}`,
  period: 'Rendez-vous attribués',
  periodRange: (from: string, to: string) => `du ${from} au ${to}`,
  seats: 'Places en jeu',
  seatsDrawn: 'Places tirées',
  commitment: 'Engagement (SHA-256 de la graine)',
  commitmentHint:
    'L’engagement est publié à la création du tirage, avant toute demande : la graine, secrète jusqu’au tirage, ne peut donc plus être choisie après coup.',
  beaconRound: 'Tour de la balise publique',
  beaconRoundHint:
    'Un tour de balise publié après la clôture des demandes : son aléa entre dans le tirage, si bien que personne, pas même la préfecture, ne peut en prévoir le résultat en ajoutant des demandes.',
  result: 'Résultat',
  drawnAt: 'Tiré le',
  seed: 'Graine',
  beacon: 'Aléa de la balise',
  noBeacon: 'Aucune balise publique',
  tiers: 'Demandes et rendez-vous attribués par niveau de priorité',
  tier: 'Priorité',
  tierNames: ['0 (la plus urgente)', '1', '2'],
  requests: 'Demandes',
  winners: 'Rendez-vous attribués',
  allocation: 'Attributions',
  allocationHint:
    'Chaque demande n’est désignée que par son numéro de récépissé : ni nom, ni adresse, ni numéro étranger.',
  label: 'Numéro de demande',
  slot: 'Rendez-vous',
  office: 'Lieu',
  noAllocation: 'Aucun rendez-vous attribué.',
  verifyTitle: 'Vérifier ce tirage',
  verifyText:
    'Le tirage se recalcule à partir de ses seules données publiées (version creneau-draw-v1). Téléchargez-les ou lancez la commande :',
  bundleLink: 'Données du tirage (JSON)',
  allDraws: 'Tous les tirages de cette démarche',
  notDrawn: 'La graine sera publiée avec le résultat, après la clôture des demandes.',
};

const en: typeof fr = {
  drawTitle: (id) => `Draw no. ${id}`,
  listTitle: 'Draws',
  listIntro: (procedure) =>
    `The draws of the procedure "${procedure}": each publishes its commitment when it is created and its seed after the draw, so that anyone can recompute it.`,
  noDraw: 'No draw for this procedure.',
  drawColumn: 'Draw',
  closesColumn: 'Requests close',
  procedure: 'Procedure',
  offices: 'Offices',
  status: 'Status',
  statuses: { open: 'Open for requests', closed: 'Requests closed, draw to come', drawn: 'Drawn' },
  kind: 'Kind',
  kinds: { main: 'Main draw', follow_up: 'Follow-up draw (freed seats)' },
  window: 'Requests accepted',
  windowRange: (opens, closes) => `from ${opens} to ${closes}`,
  period: 'Appointments allocated',
  periodRange: (from, to) => `from ${from} to ${to}`,
  seats: 'Seats at stake',
  seatsDrawn: 'Seats drawn',
  commitment: 'Commitment (SHA-256 of the seed)',
  commitmentHint:
    'The commitment is published when the draw is created, before any request: the seed, secret until the draw, cannot be chosen afterwards.',
  beaconRound: 'Public beacon round',
  beaconRoundHint:
    'A beacon round published after the window closes: its randomness enters the draw, so that nobody, not even the préfecture, can foresee the result by adding requests.',
  result: 'Result',
  drawnAt: 'Drawn on',
  seed: 'Seed',
  beacon: 'Beacon randomness',
  noBeacon: 'No public beacon',
  tiers: 'Requests and appointments given by priority tier',
  tier: 'Priority',
  tierNames: ['0 (most urgent)', '1', '2'],
  requests: 'Requests',
  winners: 'Appointments given',
  allocation: 'Allocation',
  allocationHint: 'Each request is named only by its receipt number: no name, address or foreigner number.',
  label: 'Request number',
  slot: 'Appointment',
  office: 'Office',
  noAllocation: 'No appointment given.',
  verifyTitle: 'Check this draw',
  verifyText:
    'The draw can be recomputed from its published data alone (version creneau-draw-v1). Download it or run:',
  bundleLink: 'Draw data (JSON)',
  allDraws: 'All draws of this procedure',
  notDrawn: 'The seed will be published with the result, after the window closes.',
};

const ar: typeof fr = {
  drawTitle: (id) => `القرعة رقم ${id}`,
  listTitle: 'القرعات',
  listIntro: (procedure) =>
    `قرعات إجراء «${procedure}»: تنشر كل قرعة التزامها عند إنشائها وبذرتها بعد إجرائها، ليتمكن أي شخص من إعادتها.`,
  noDraw: 'لا توجد أي قرعة لهذا الإجراء.',
  drawColumn: 'القرعة',
  closesColumn: 'إغلاق الطلبات',
  procedure: 'الإجراء',
  offices: 'الأماكن',
  status: 'الحالة',
  statuses: {
    open: 'الطلبات مفتوحة',
    closed: 'الطلبات مغلقة، والقرعة قادمة',
    drawn: 'أُجريت',
  },
  kind: 'النوع',
  kinds: { main: 'القرعة الرئيسية', follow_up: 'قرعة تكميلية (أماكن أُتيحت من جديد)' },
  window: 'تقديم الطلبات',
  windowRange: (opens, closes) => `من ${opens} إلى ${closes}`,
  period: 'المواعيد المخصَّصة',
  periodRange: (from, to) => `من ${from} إلى ${to}`,
  seats: 'الأماكن المطروحة',
  seatsDrawn: 'الأماكن المخصَّصة بالقرعة',
  commitment: 'الالتزام (SHA-256 للبذرة)',
  commitmentHint:
    'يُنشر الالتزام عند إنشاء القرعة، قبل أي طلب: لذا لا يمكن اختيار البذرة، السرية حتى القرعة، بعد ذلك.',
  beaconRound: 'جولة منارة العشوائية العامة',
  beaconRoundHint:
    'جولة منارة تُنشر بعد إغلاق الطلبات: تدخل عشوائيتها في القرعة، بحيث لا يستطيع أحد، ولا المحافظة نفسها، توقع نتيجتها بإضافة طلبات.',
  result: 'النتيجة',
  drawnAt: 'تاريخ الإجراء',
  seed: 'البذرة',
  beacon: 'عشوائية المنارة',
  noBeacon: 'لا توجد منارة عامة',
  tiers: 'الطلبات والمواعيد المخصَّصة حسب مستوى الأولوية',
  tier: 'الأولوية',
  tierNames: ['0 (الأكثر استعجالًا)', '1', '2'],
  requests: 'الطلبات',
  winners: 'المواعيد المخصَّصة',
  allocation: 'التخصيصات',
  allocationHint: 'لا يُشار إلى كل طلب إلا برقم إيصاله: لا اسم ولا عنوان ولا رقم أجنبي.',
  label: 'رقم الطلب',
  slot: 'الموعد',
  office: 'المكان',
  noAllocation: 'لم يُخصَّص أي موعد.',
  verifyTitle: 'التحقق من هذه القرعة',
  verifyText:
    'يُعاد حساب القرعة انطلاقًا من بياناتها المنشورة وحدها (الإصدار creneau-draw-v1). نزّلوها أو شغّلوا الأمر:',
  bundleLink: 'بيانات القرعة (JSON)',
  allDraws: 'كل قرعات هذا الإجراء',
  notDrawn: 'ستُنشر البذرة مع النتيجة، بعد إغلاق الطلبات.',
};

/** The public draw pages' texts, per language. */
export const drawMessages: Catalog<typeof fr> = { fr, en, ar };

const frOffice = {
  title: 'Tirages au sort',
  intro:
    'Les tirages des offres en mode « tirage » de vos services. Un tirage ponctuel s’ajoute aux tirages du calendrier : son engagement est publié dès sa création.',
  created: (id: number) => `Tirage n° ${id} créé : son engagement est public.`,
  latest: 'Derniers tirages',
  none: 'Aucun tirage pour vos services.',
  newTitle: 'Créer un tirage ponctuel',
  noOffer: 'Aucune offre en mode « tirage » dans vos services.',
  offer: 'Offre (démarche et service)',
  opensOn: 'Ouverture des demandes : date',
  opensAt: 'Ouverture des demandes : heure',
  closesOn: 'Clôture des demandes : date',
  closesAt: 'Clôture des demandes : heure',
  localTime: 'Heure locale du service.',
  slotsFrom: 'Premier jour des rendez-vous attribués',
  slotsTo: 'Dernier jour des rendez-vous attribués',
  slotsHint: 'Après le jour de clôture ; 92 jours au plus.',
  submit: 'Créer le tirage',
  labels: {
    offerId: 'Offre (démarche et service)',
    windowOpensAt: 'Ouverture des demandes',
    windowClosesAt: 'Clôture des demandes',
    slotsFrom: 'Premier jour des rendez-vous attribués',
    slotsTo: 'Dernier jour des rendez-vous attribués',
    beaconRound: 'Tour de la balise',
  } as Record<string, string>,
};

const enOffice: typeof frOffice = {
  title: 'Draws',
  intro:
    'The draws of your offices’ offers in draw mode. A one-off draw adds to the calendar’s draws: its commitment is published when it is created.',
  created: (id) => `Draw no. ${id} created: its commitment is public.`,
  latest: 'Latest draws',
  none: 'No draw for your offices.',
  newTitle: 'Create a one-off draw',
  noOffer: 'No offer in draw mode at your offices.',
  offer: 'Offer (procedure and office)',
  opensOn: 'Requests open: date',
  opensAt: 'Requests open: time',
  closesOn: 'Requests close: date',
  closesAt: 'Requests close: time',
  localTime: 'Local time of the office.',
  slotsFrom: 'First day of the appointments allocated',
  slotsTo: 'Last day of the appointments allocated',
  slotsHint: 'After the closing day; at most 92 days.',
  submit: 'Create the draw',
  labels: {
    offerId: 'Offer (procedure and office)',
    windowOpensAt: 'Requests open',
    windowClosesAt: 'Requests close',
    slotsFrom: 'First day of the appointments allocated',
    slotsTo: 'Last day of the appointments allocated',
    beaconRound: 'Beacon round',
  },
};

const arOffice: typeof frOffice = {
  title: 'القرعات',
  intro:
    'قرعات العروض بنمط «القرعة» في مكاتبكم. تُضاف القرعة الاستثنائية إلى قرعات الجدول الزمني: يُنشر التزامها عند إنشائها.',
  created: (id) => `أُنشئت القرعة رقم ${id}: التزامها منشور للعموم.`,
  latest: 'آخر القرعات',
  none: 'لا توجد أي قرعة لمكاتبكم.',
  newTitle: 'إنشاء قرعة استثنائية',
  noOffer: 'لا يوجد أي عرض بنمط «القرعة» في مكاتبكم.',
  offer: 'العرض (الإجراء والمكتب)',
  opensOn: 'فتح الطلبات: التاريخ',
  opensAt: 'فتح الطلبات: الساعة',
  closesOn: 'إغلاق الطلبات: التاريخ',
  closesAt: 'إغلاق الطلبات: الساعة',
  localTime: 'بالتوقيت المحلي للمكتب.',
  slotsFrom: 'أول يوم للمواعيد المخصَّصة',
  slotsTo: 'آخر يوم للمواعيد المخصَّصة',
  slotsHint: 'بعد يوم الإغلاق؛ 92 يومًا على الأكثر.',
  submit: 'إنشاء القرعة',
  labels: {
    offerId: 'العرض (الإجراء والمكتب)',
    windowOpensAt: 'فتح الطلبات',
    windowClosesAt: 'إغلاق الطلبات',
    slotsFrom: 'أول يوم للمواعيد المخصَّصة',
    slotsTo: 'آخر يوم للمواعيد المخصَّصة',
    beaconRound: 'جولة المنارة',
  },
};

/** The back office's draws page, per language. */
export const drawOfficeMessages: Catalog<typeof frOffice> = { fr: frOffice, en: enOffice, ar: arOffice };
