import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Locale } from '../../db/schema.ts';
import { type EmailContent, type Writing, writingFor } from './email-layout.ts';
import type { EventName, ParamsOf, TokensOf } from './events.ts';
import { sealContext } from './notify.ts';
import type { ClaimedNotification } from './outbox.repository.ts';
import { openTokens } from './sealed-tokens.ts';
import { smsText } from './sms/gsm7.ts';
import { canReceiveSms } from './sms/phone.ts';

/** What a notifier may read when it renders a message: the database as it is now, the time, settings. */
export interface NotifierDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'secretKey'>;
}

/** A notification row as its event's notifier sees it. */
export interface NotificationRef<E extends EventName> {
  id: string;
  event: E;
  bookingId: string | null;
  requestId: string | null;
  emailKey: string | null;
  agentId: number | null;
  params: ParamsOf<E>;
  locale: Locale;
}

/** Nothing to send, and why (a fixed phrase: it is logged). */
export interface Skip {
  skip: string;
}

/** Says that there is nothing to send, for a reason that names no one. */
export function skip(reason: string): Skip {
  return { skip: reason };
}

/** True for what `skip` returns. */
export function isSkip(value: unknown): value is Skip {
  return typeof value === 'object' && value !== null && 'skip' in value;
}

/** An email ready for the transport. */
export interface OutgoingEmail extends EmailContent {
  to: string;
  attachments: Attachment[];
}

/** The URLs of a message's links, by the name of their token (`links.manage`). */
export type LinksOf<E extends EventName> = { [K in keyof TokensOf<E>]: string };

/** What a notifier's `email` writes with: the language and its texts, and the message's links. */
export interface RenderContext<E extends EventName> extends Writing {
  links: LinksOf<E>;
}

/** One notifier per event (`notifiers/<event>.ts`): how its message is decided and written at send time. */
export interface NotifierDefinition<E extends EventName, T> {
  event: E;
  /** The tokens its links need; a row without them is an error, never a message with a dead link. */
  links?: readonly (keyof TokensOf<E> & string)[];
  /** The page each link opens, by token name, when it is not a booking's (`/demandes/LABEL`). */
  linkPaths?(data: T): { [K in keyof TokensOf<E>]?: string };
  /** Reads what the message needs as it is now; `skip(reason)` when there is nothing to send any more. */
  load(deps: NotifierDeps, ref: NotificationRef<E>): Promise<T | Skip>;
  /** Makes the links valid before the message goes; must be idempotent, since a message may be resent. */
  activate?(deps: NotifierDeps, data: T, tokens: TokensOf<E>): Promise<void>;
  /** The email, from the catalogs: pure, so it is tested without a database. */
  email(data: T, context: RenderContext<E>): EmailContent & { to: string };
  /** Files to attach, made at send time (the convocation). */
  attachments?(deps: NotifierDeps, data: T): Promise<Attachment[]>;
  /** The SMS, for events that have one: the number it goes to (null: none known) and its text. */
  sms?(data: T, context: RenderContext<E>): { to: string | null; text: string };
}

/** A notifier the email worker can use, whatever the data its `load` returns. */
export interface Notifier<E extends EventName> {
  event: E;
  /** Renders a claimed email row from current data, or says there is nothing to send. */
  composeEmail(deps: NotifierDeps, message: ClaimedNotification): Promise<OutgoingEmail | Skip>;
  /** Renders a claimed SMS row from current data, or says there is nothing to send. */
  composeSms(deps: NotifierDeps, message: ClaimedNotification): Promise<OutgoingSms | Skip>;
}

/** An SMS ready for the sender: the number in E.164 and the text as it goes. */
export interface OutgoingSms {
  to: string;
  text: string;
}

/** Declares the notifier of one event. */
export function defineNotifier<E extends EventName, T>(
  definition: NotifierDefinition<E, T>,
): NotifierDefinition<E, T> & Notifier<E> {
  /** What both channels start from: current data, or a skip; the links made valid. */
  async function prepare(deps: NotifierDeps, message: ClaimedNotification) {
    const ref: NotificationRef<E> = {
      id: message.id,
      event: definition.event,
      bookingId: message.bookingId,
      requestId: message.requestId,
      emailKey: message.emailKey,
      agentId: message.agentId,
      params: message.params as ParamsOf<E>,
      locale: message.locale,
    };
    const data = await definition.load(deps, ref);
    if (isSkip(data)) return data;
    const tokens = tokensOf(deps, message, definition.links ?? []) as TokensOf<E>;
    await definition.activate?.(deps, data, tokens);
    const writing = writingFor(message.locale);
    const paths = (definition.linkPaths?.(data) ?? {}) as Record<string, string | undefined>;
    const links = linksOf(deps.config.publicUrl, tokens as Record<string, string>, paths) as LinksOf<E>;
    return { data, context: { ...writing, links } };
  }
  return {
    ...definition,
    async composeEmail(deps, message) {
      const prepared = await prepare(deps, message);
      if (isSkip(prepared)) return prepared;
      const { to, ...content } = definition.email(prepared.data, prepared.context);
      const attachments = definition.attachments ? await definition.attachments(deps, prepared.data) : [];
      return { to, ...content, attachments };
    },
    async composeSms(deps, message) {
      if (!definition.sms) return skip('this event has no SMS');
      const prepared = await prepare(deps, message);
      if (isSkip(prepared)) return prepared;
      const { to, text } = definition.sms(prepared.data, prepared.context);
      if (!to) return skip('no phone number');
      if (!canReceiveSms(to)) return skip('not a mobile number');
      return { to, text: smsText(text) };
    },
  };
}

function tokensOf(deps: NotifierDeps, message: ClaimedNotification, needed: readonly string[]) {
  const tokens = message.sealedTokens
    ? openTokens(deps.config.secretKey, message.sealedTokens, sealContext(message))
    : {};
  for (const name of needed) {
    if (typeof tokens[name] !== 'string') throw new Error(`the token of the ${name} link is missing`);
  }
  return tokens;
}

// The page each kind of token opens: the confirm link, and the manage page (a booking's manage token
// or an address's access token).
const PAGE_OF_TOKEN: Record<string, 'confirmer' | 'gerer'> = {
  confirm: 'confirmer',
  manage: 'gerer',
  access: 'gerer',
};

function linksOf(
  publicUrl: string,
  tokens: Record<string, string>,
  paths: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tokens).map(([name, token]) => {
      const page = PAGE_OF_TOKEN[name];
      const path = paths[name] ?? (page ? `/rendez-vous/${page}` : undefined);
      if (!path) throw new Error(`no page for a ${name} token`);
      return [name, `${publicUrl}${path}?token=${token}`];
    }),
  );
}
