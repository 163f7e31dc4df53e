import type { FastifyInstance } from 'fastify';
import { escapeHtml } from './email-layout.ts';
import type { CapturedMail, MailCapture } from './mail-capture.ts';

/**
 * The mailbox of the in-process SMTP capture, so that a developer can follow the emailed links. The
 * caller registers it only outside production: it shows every message, tokens included.
 */
export function devMailRoutes(app: FastifyInstance, capture: MailCapture): void {
  app.get('/dev/mail', { schema: { hide: true } }, async (_request, reply) => {
    const messages = capture.messages().reverse();
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(renderMailbox(messages));
  });

  app.get('/dev/mail.json', { schema: { hide: true } }, async (_request, reply) => {
    const messages = capture.messages().reverse();
    return reply.header('cache-control', 'no-store').send(
      messages.map((mail) => ({
        ...mail,
        receivedAt: mail.receivedAt.toISOString(),
        attachments: mail.attachments.map(({ filename, contentType, size }) => ({
          filename,
          contentType,
          size,
        })),
      })),
    );
  });
}

function renderMailbox(messages: CapturedMail[]): string {
  const items =
    messages.length === 0
      ? '<p>Aucun courriel reçu pour le moment.</p>'
      : messages.map(renderMail).join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Courriels capturés — Créneau (développement)</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #161616; }
article { border: 1px solid #ddd; padding: 1rem; margin-bottom: 1rem; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: .75rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 .5rem; }
dt { font-weight: bold; }
</style>
</head>
<body>
<h1>Courriels capturés (${messages.length})</h1>
<p>Serveur SMTP de développement : ces messages ne sont pas partis. Les plus récents d'abord.</p>
${items}
</body>
</html>`;
}

function renderMail(mail: CapturedMail): string {
  const attachments =
    mail.attachments.length === 0
      ? ''
      : `<dt>Pièces jointes</dt><dd>${mail.attachments
          .map((a) => `${escapeHtml(a.filename)} (${escapeHtml(a.contentType)}, ${a.size} octets)`)
          .join(', ')}</dd>`;
  return `<article id="mail-${mail.id}">
<h2>${escapeHtml(mail.subject || '(sans objet)')}</h2>
<dl>
<dt>Reçu</dt><dd><time datetime="${mail.receivedAt.toISOString()}">${escapeHtml(mail.receivedAt.toISOString())}</time></dd>
<dt>De</dt><dd>${escapeHtml(mail.from)}</dd>
<dt>À</dt><dd>${escapeHtml(mail.to.join(', '))}</dd>
${attachments}
</dl>
<pre>${linkify(escapeHtml(mail.text))}</pre>
</article>`;
}

/** Turns the web addresses of already escaped text into links. */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<>"]+?(?=[.,;:!?)]*(?:\s|$|&lt;|&gt;|&quot;|&#39;))/g, (url) => {
    return `<a href="${url}">${url}</a>`;
  });
}
