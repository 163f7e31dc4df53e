import type { HolidayRegion, Locale } from '../../db/schema.ts';
import type { FieldParams } from '../../errors.ts';
import type { ReleaseMode } from '../schedule/release-policy.ts';
import type { Catalog } from '../web/i18n.ts';
import { messagesFor } from '../web/i18n.ts';

// The texts of the schedule's configuration: the hours page (opening rules, next slots, publication,
// duration), the closures page (closures, public holidays), and the field errors of both and of the
// admin API (whose `message` is the French one).

/** Every code a field of the schedule's configuration can be refused with. */
export type FieldCode =
  | 'required'
  | 'time_format'
  | 'date_format'
  | 'out_of_range'
  | 'before_start'
  | 'before_from'
  | 'shorter_than_duration'
  | 'too_many'
  | 'too_long'
  | 'not_allowed'
  | 'past';

type FieldTexts = Record<FieldCode, (p: FieldParams) => string>;

const fieldTexts: Catalog<FieldTexts> = {
  fr: {
    required: () => 'Ce champ est obligatoire.',
    time_format: () => 'Heure attendue au format HH:MM (de 00:00 à 23:59).',
    date_format: () => 'Date attendue au format AAAA-MM-JJ.',
    out_of_range: (p) => `Nombre entier attendu, de ${p.min} à ${p.max}.`,
    before_start: () => 'La fin doit suivre le début.',
    before_from: () => 'La fin de validité doit suivre son début.',
    shorter_than_duration: (p) =>
      `La plage doit durer au moins un rendez-vous, soit ${p.durationMinutes} minutes.`,
    too_many: (p) => `Au plus ${p.max} éléments.`,
    too_long: (p) => `Au plus ${p.max} caractères.`,
    not_allowed: () => "Cette valeur n'est pas proposée : choisissez-en une de la liste.",
    past: () => 'Ce jour est déjà passé.',
  },
  en: {
    required: () => 'This field is required.',
    time_format: () => 'Enter a time as HH:MM (00:00 to 23:59).',
    date_format: () => 'Enter a date as YYYY-MM-DD.',
    out_of_range: (p) => `Enter a whole number from ${p.min} to ${p.max}.`,
    before_start: () => 'The end must come after the start.',
    before_from: () => 'The end of validity must come after its start.',
    shorter_than_duration: (p) =>
      `The range must last at least one appointment, that is ${p.durationMinutes} minutes.`,
    too_many: (p) => `At most ${p.max} items.`,
    too_long: (p) => `At most ${p.max} characters.`,
    not_allowed: () => 'This value is not offered: choose one from the list.',
    past: () => 'This day is already past.',
  },
};

/** The message of a field error in a language (undefined for a code this catalog does not know). */
export function fieldMessage(locale: Locale, code: FieldCode, params?: FieldParams): string;
export function fieldMessage(locale: Locale, code: string, params?: FieldParams): string | undefined;
export function fieldMessage(locale: Locale, code: string, params: FieldParams = {}): string | undefined {
  const text = messagesFor(fieldTexts, locale)[code as FieldCode];
  return text ? text(params) : undefined;
}

interface ScheduleTexts {
  weekdays: [string, string, string, string, string, string, string];
  regions: Record<HolidayRegion, string>;
  modes: Record<ReleaseMode, { label: string; hint: string }>;
  breadcrumb: { label: string; services: string };
  stranded: {
    title: string;
    text: (count: number) => string;
    caption: string;
    head: [string, string, string, string];
  };
  hours: {
    title: string;
    saved: Record<'rules' | 'publication' | 'duration', string>;
    notFirstCome: string;
    rulesTitle: string;
    rulesHint: (durationMinutes: number) => string;
    rule: (n: number) => string;
    weekday: string;
    startsAt: string;
    endsAt: string;
    capacity: string;
    capacityHint: string;
    validFrom: string;
    validUntil: string;
    optional: string;
    remove: string;
    saveRules: string;
    slotsTitle: string;
    slotsCaption: string;
    slotsHead: [string, string, string];
    noSlots: string;
    publicationTitle: string;
    publicationDays: string;
    publicationDaysHint: string;
    mode: string;
    releaseWeekdays: string;
    releaseWeekdaysHint: string;
    time: string;
    timeHint: string;
    windowStart: string;
    windowEnd: string;
    windowHint: string;
    releasedThrough: (day: string) => string;
    nextFixed: (moment: string) => string;
    nextSecret: string;
    savePublication: string;
    durationTitle: string;
    durationMinutes: string;
    durationHint: string;
    durationReadOnly: (minutes: number) => string;
    saveDuration: string;
    closuresLink: string;
  };
  closures: {
    title: string;
    saved: Record<'created' | 'deleted' | 'holidays', string>;
    listTitle: string;
    caption: string;
    head: [string, string, string];
    none: string;
    remove: string;
    removeLabel: (day: string) => string;
    addTitle: string;
    addHint: string;
    day: string;
    reason: string;
    add: string;
    holidaysTitle: string;
    region: (department: string, region: string) => string;
    regionLabel: string;
    regionHint: string;
    saveRegion: string;
    regionReadOnly: string;
    nextHolidays: string;
    /** Before a holiday's name, which date-holidays gives in French. */
    holidayOn: (day: string) => string;
    hoursLink: string;
  };
}

export const schedule: Catalog<ScheduleTexts> = {
  fr: {
    weekdays: ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'],
    regions: {
      metropole: 'Métropole',
      alsace_moselle: 'Alsace-Moselle',
      guadeloupe: 'Guadeloupe',
      martinique: 'Martinique',
      guyane: 'Guyane',
      reunion: 'La Réunion',
      mayotte: 'Mayotte',
    },
    modes: {
      rolling: {
        label: 'Horizon glissant',
        hint: "Chaque jour est publié dès qu'il entre dans l'horizon.",
      },
      fixed: {
        label: 'Mise en ligne à heure fixe',
        hint: "Les nouveaux jours de l'horizon sont publiés à l'heure indiquée, les jours choisis.",
      },
      random: {
        label: 'Mise en ligne à un moment tiré au sort',
        hint: 'Les nouveaux jours sont publiés à un moment tiré au sort dans la plage horaire, les jours choisis : les robots des revendeurs ne savent pas quand guetter.',
      },
    },
    breadcrumb: { label: 'Vous êtes ici :', services: 'Services et démarches' },
    stranded: {
      title: 'Modification refusée : des rendez-vous perdraient leur place',
      text: (count) =>
        `${count} rendez-vous n'auraient plus de place. Révoquez-les d'abord (avec un motif et une proposition de nouveau rendez-vous), ou modifiez autrement. Rien n'a été changé.`,
      caption: 'Rendez-vous qui perdraient leur place',
      head: ['Référence', 'Date et heure', 'Nom', 'Prénom'],
    },
    hours: {
      title: 'Horaires et publication',
      saved: {
        rules: "Plages d'ouverture enregistrées : les créneaux à venir ont été recalculés.",
        publication: 'Politique de publication enregistrée.',
        duration: 'Durée enregistrée : les créneaux à venir de cette démarche ont été recalculés.',
      },
      notFirstCome:
        "Cette offre n'est pas en prise de rendez-vous en ligne : ses plages d'ouverture ne publient aucun créneau.",
      rulesTitle: "Plages d'ouverture",
      rulesHint: (duration) =>
        `Chaque plage ouvre des créneaux de ${duration} minutes ; le nombre de guichets ouverts est le nombre de places de chaque créneau. Laissez une ligne vide pour ne rien ajouter ; cochez « Retirer » pour supprimer une plage.`,
      rule: (n) => `Plage n° ${n}`,
      weekday: 'Jour',
      startsAt: 'Début',
      endsAt: 'Fin',
      capacity: 'Guichets',
      capacityHint: 'De 1 à 100',
      validFrom: 'Valable à partir du',
      validUntil: "Valable jusqu'au",
      optional: 'facultatif',
      remove: 'Retirer',
      saveRules: 'Enregistrer les plages',
      slotsTitle: 'Prochains créneaux',
      slotsCaption: 'Prochains créneaux publiés',
      slotsHead: ['Date et heure', 'Places', 'Réservées'],
      noSlots: 'Aucun créneau à venir.',
      publicationTitle: 'Publication',
      publicationDays: 'Horizon de publication (jours)',
      publicationDaysHint: "Aujourd'hui compris, de 1 à 365.",
      mode: 'Mode de publication',
      releaseWeekdays: 'Jours de mise en ligne',
      releaseWeekdaysHint: 'Pour les mises en ligne à heure fixe ou tirées au sort.',
      time: 'Heure de mise en ligne',
      timeHint: 'Pour la mise en ligne à heure fixe, heure locale du service.',
      windowStart: 'Début de la plage du tirage',
      windowEnd: 'Fin de la plage du tirage',
      windowHint: 'Pour la mise en ligne tirée au sort, heure locale du service.',
      releasedThrough: (day) => `Jours publiés jusqu'au ${day} inclus.`,
      nextFixed: (moment) => `Prochaine mise en ligne : ${moment}.`,
      nextSecret:
        "Le moment de la prochaine mise en ligne est tiré au sort et n'est montré à personne, pas même ici.",
      savePublication: 'Enregistrer la publication',
      durationTitle: 'Durée de la démarche',
      durationMinutes: 'Durée d’un rendez-vous (minutes)',
      durationHint:
        'De 5 à 480. S’applique à tous les services qui proposent cette démarche : leurs créneaux à venir sont recalculés.',
      durationReadOnly: (minutes) =>
        `Un rendez-vous dure ${minutes} minutes. Cette durée vaut pour tous les services : seul un responsable national peut la modifier.`,
      saveDuration: 'Enregistrer la durée',
      closuresLink: 'Fermetures exceptionnelles et jours fériés du service',
    },
    closures: {
      title: 'Fermetures et jours fériés',
      saved: {
        created: 'Fermeture ajoutée : les créneaux de ce jour ont été retirés.',
        deleted: 'Fermeture supprimée : les créneaux de ce jour sont de nouveau publiés.',
        holidays: 'Calendrier des jours fériés enregistré : les créneaux à venir ont été recalculés.',
      },
      listTitle: 'Fermetures à venir',
      caption: 'Fermetures exceptionnelles à venir',
      head: ['Jour', 'Motif', 'Action'],
      none: 'Aucune fermeture à venir.',
      remove: 'Supprimer',
      removeLabel: (day) => `Supprimer la fermeture du ${day}`,
      addTitle: 'Ajouter une fermeture',
      addHint:
        'Les créneaux de ce jour sont retirés. La fermeture est refusée si des rendez-vous sont pris ce jour-là : ils sont alors listés.',
      day: 'Jour',
      reason: 'Motif',
      add: 'Ajouter la fermeture',
      holidaysTitle: 'Jours fériés',
      region: (department, region) => `Calendrier des jours fériés du département ${department} : ${region}.`,
      regionLabel: 'Calendrier des jours fériés',
      regionHint: 'Vaut pour tous les services du département.',
      saveRegion: 'Enregistrer le calendrier',
      regionReadOnly: 'Seul un responsable du département peut changer ce calendrier.',
      nextHolidays: 'Prochains jours fériés',
      holidayOn: (day) => `${day} : `,
      hoursLink: 'Horaires et publication des démarches de ce service',
    },
  },
  en: {
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    regions: {
      metropole: 'Metropolitan France',
      alsace_moselle: 'Alsace-Moselle',
      guadeloupe: 'Guadeloupe',
      martinique: 'Martinique',
      guyane: 'French Guiana',
      reunion: 'Réunion',
      mayotte: 'Mayotte',
    },
    modes: {
      rolling: { label: 'Rolling horizon', hint: 'Each day is published as soon as it enters the horizon.' },
      fixed: {
        label: 'Release at a fixed time',
        hint: "The horizon's new days are published at the time given, on the days chosen.",
      },
      random: {
        label: 'Release at a moment drawn at random',
        hint: "The new days are published at a moment drawn at random within the time range, on the days chosen: resellers' bots cannot tell when to watch.",
      },
    },
    breadcrumb: { label: 'You are here:', services: 'Offices and procedures' },
    stranded: {
      title: 'Change refused: some appointments would lose their place',
      text: (count) =>
        `${count} appointment(s) would have no place left. Revoke them first (with a reason and an offer to rebook), or change something else. Nothing was changed.`,
      caption: 'Appointments that would lose their place',
      head: ['Reference', 'Date and time', 'Last name', 'First name'],
    },
    hours: {
      title: 'Opening hours and publication',
      saved: {
        rules: 'Opening hours saved: the upcoming slots were recomputed.',
        publication: 'Publication policy saved.',
        duration: "Duration saved: this procedure's upcoming slots were recomputed.",
      },
      notFirstCome: 'This offer is not booked online: its opening hours publish no slot.',
      rulesTitle: 'Opening hours',
      rulesHint: (duration) =>
        `Each range opens slots of ${duration} minutes; the number of counters open is the number of places in each slot. Leave a row empty to add nothing; tick “Remove” to delete a range.`,
      rule: (n) => `Range no. ${n}`,
      weekday: 'Day',
      startsAt: 'Start',
      endsAt: 'End',
      capacity: 'Counters',
      capacityHint: 'From 1 to 100',
      validFrom: 'Valid from',
      validUntil: 'Valid until',
      optional: 'optional',
      remove: 'Remove',
      saveRules: 'Save the opening hours',
      slotsTitle: 'Next slots',
      slotsCaption: 'Next published slots',
      slotsHead: ['Date and time', 'Places', 'Booked'],
      noSlots: 'No upcoming slot.',
      publicationTitle: 'Publication',
      publicationDays: 'Publication horizon (days)',
      publicationDaysHint: 'Today included, from 1 to 365.',
      mode: 'Publication mode',
      releaseWeekdays: 'Release days',
      releaseWeekdaysHint: 'For releases at a fixed time or at a random moment.',
      time: 'Release time',
      timeHint: "For releases at a fixed time, the office's local time.",
      windowStart: 'Start of the draw range',
      windowEnd: 'End of the draw range',
      windowHint: "For releases at a random moment, the office's local time.",
      releasedThrough: (day) => `Days published up to and including ${day}.`,
      nextFixed: (moment) => `Next release: ${moment}.`,
      nextSecret: 'The moment of the next release is drawn at random and shown to nobody, not even here.',
      savePublication: 'Save the publication policy',
      durationTitle: 'Duration of the procedure',
      durationMinutes: 'Length of an appointment (minutes)',
      durationHint:
        'From 5 to 480. Applies to every office offering this procedure: their upcoming slots are recomputed.',
      durationReadOnly: (minutes) =>
        `An appointment lasts ${minutes} minutes. This duration applies to every office: only a national manager can change it.`,
      saveDuration: 'Save the duration',
      closuresLink: "The office's closures and public holidays",
    },
    closures: {
      title: 'Closures and public holidays',
      saved: {
        created: "Closure added: that day's slots were removed.",
        deleted: "Closure removed: that day's slots are published again.",
        holidays: 'Public holiday calendar saved: the upcoming slots were recomputed.',
      },
      listTitle: 'Upcoming closures',
      caption: 'Upcoming exceptional closures',
      head: ['Day', 'Reason', 'Action'],
      none: 'No upcoming closure.',
      remove: 'Delete',
      removeLabel: (day) => `Delete the closure of ${day}`,
      addTitle: 'Add a closure',
      addHint:
        "That day's slots are removed. The closure is refused if appointments are booked that day: they are then listed.",
      day: 'Day',
      reason: 'Reason',
      add: 'Add the closure',
      holidaysTitle: 'Public holidays',
      region: (department, region) => `Public holiday calendar of the département ${department}: ${region}.`,
      regionLabel: 'Public holiday calendar',
      regionHint: 'Applies to every office of the département.',
      saveRegion: 'Save the calendar',
      regionReadOnly: 'Only a manager of the département can change this calendar.',
      nextHolidays: 'Next public holidays',
      holidayOn: (day) => `${day}: `,
      hoursLink: "Opening hours and publication of this office's procedures",
    },
  },
};
