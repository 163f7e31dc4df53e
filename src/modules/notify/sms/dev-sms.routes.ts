import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '../email-layout.ts';
import { smsLength } from './gsm7.ts';
import type { CapturedSms, SmsCapture } from './sms-capture.ts';

/**
 * The SMS the in-process capture received, newest first, with their encoding and segments. The
 * caller registers it only outside production: it shows every message, links included.
 */
export function devSmsRoutes(app: FastifyInstance, capture: SmsCapture): void {
  app.get('/dev/sms', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(renderList(capture.messages().reverse())),
  );
  app.get('/dev/sms.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(
      capture
        .messages()
        .reverse()
        .map((sms) => ({ ...sms, receivedAt: sms.receivedAt.toISOString(), ...smsLength(sms.text) })),
    ),
  );
}

function renderList(messages: CapturedSms[]): string {
  const items =
    messages.length === 0 ? '<p>Aucun SMS reçu pour le moment.</p>' : messages.map(renderSms).join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SMS capturés — Créneau (développement)</title>
</head>
<body>
<h1>SMS capturés (${messages.length})</h1>
<p>Passerelle SMS de développement : ces messages ne sont pas partis. Les plus récents d'abord.</p>
${items}
</body>
</html>`;
}

function renderSms(sms: CapturedSms): string {
  const { encoding, units, segments } = smsLength(sms.text);
  return `<article id="sms-${escapeHtml(sms.id)}">
<h2>${escapeHtml(sms.to)}</h2>
<p><time datetime="${sms.receivedAt.toISOString()}">${escapeHtml(sms.receivedAt.toISOString())}</time>
· ${encoding}, ${units} caractères, ${segments} segment${segments > 1 ? 's' : ''}</p>
<pre dir="auto">${escapeHtml(sms.text)}</pre>
</article>`;
}
