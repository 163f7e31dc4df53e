import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

// The DSFR and the ALTCHA widget are served by Créneau itself: no third party sees the applicants.
// Only the DSFR parts the pages use are bundled (the whole dsfr.min.css is 700 KB), once, at start.

const require = createRequire(import.meta.url);
/** The folder of an installed package (some, like altcha, do not export their package.json). */
function packageDir(name: string): string {
  const found = require.resolve
    .paths(name)
    ?.map((dir) => path.join(dir, name))
    .find((dir) => existsSync(dir));
  if (!found) throw new Error(`package ${name} is not installed`);
  return found;
}
const DSFR = path.join(packageDir('@gouvfr/dsfr'), 'dist');
const ALTCHA = path.join(packageDir('altcha'), 'dist');
const OWN = path.join(import.meta.dirname, 'public');

const COMPONENTS = [
  'skiplink',
  'logo',
  'header',
  'footer',
  'link',
  'button',
  'badge',
  'tag',
  'alert',
  'notice',
  'callout',
  'breadcrumb',
  'navigation',
  'stepper',
  'form',
  'input',
  'select',
  'checkbox',
  'radio',
  'card',
  'tile',
  'table',
  'summary',
  'translate',
  'accordion',
  'download',
];

interface Asset {
  type: string;
  body: Buffer;
  etag: string;
  brotli?: Buffer;
  gzip?: Buffer;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Rewrites the relative url(...) of a DSFR stylesheet so that it still resolves from the bundle. */
function rebase(css: string, sourceFile: string): string {
  return css.replace(
    /url\((['"]?)(?!data:|https?:|\/)([^'")]+)\1\)/g,
    (_match, quote: string, url: string) => {
      const absolute = path.resolve(path.dirname(sourceFile), url);
      const relative = path.relative(DSFR, absolute).split(path.sep).join('/');
      return `url(${quote}../dsfr/${relative}${quote})`;
    },
  );
}

function bundleCss(): string {
  const files = [
    path.join(DSFR, 'core', 'core.main.min.css'),
    ...COMPONENTS.map((name) => path.join(DSFR, 'component', name, `${name}.main.min.css`)),
    path.join(DSFR, 'utility', 'icons', 'icons-system', 'icons-system.min.css'),
    path.join(DSFR, 'utility', 'icons', 'icons-document', 'icons-document.min.css'),
    path.join(DSFR, 'utility', 'icons', 'icons-business', 'icons-business.min.css'),
    path.join(DSFR, 'utility', 'icons', 'icons-map', 'icons-map.min.css'),
  ];
  const parts = files.filter(existsSync).map((file) => rebase(readFileSync(file, 'utf8'), file));
  const own = path.join(OWN, 'creneau.css');
  if (existsSync(own)) parts.push(readFileSync(own, 'utf8'));
  return parts.join('\n');
}

function makeAsset(name: string, body: Buffer): Asset {
  const type = TYPES[path.extname(name)] ?? 'application/octet-stream';
  return { type, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

const compressible = (asset: Asset) => /css|javascript|svg/.test(asset.type) && asset.body.length > 512;

/** The bundled assets by name, and the version segment that changes when any of them changes. */
export function buildAssets(): { version: string; files: Map<string, Asset> } {
  const files = new Map<string, Asset>();
  files.set('css/creneau.css', makeAsset('creneau.css', Buffer.from(bundleCss())));
  files.set('js/dsfr.module.min.js', makeAsset('x.js', readFileSync(path.join(DSFR, 'dsfr.module.min.js'))));
  // The build with its translations: the widget speaks the page's language (French by default).
  files.set(
    'js/altcha.min.js',
    makeAsset('x.js', readFileSync(path.join(ALTCHA, 'main', 'altcha.i18n.min.js'))),
  );
  for (const file of ['favicon/favicon.svg', 'favicon/favicon.ico', 'favicon/apple-touch-icon.png']) {
    const source = path.join(DSFR, file);
    if (existsSync(source)) files.set(`dsfr/${file}`, makeAsset(file, readFileSync(source)));
  }
  const ownScript = path.join(OWN, 'creneau.js');
  if (existsSync(ownScript)) files.set('js/creneau.js', makeAsset('x.js', readFileSync(ownScript)));
  // The agenda's print stylesheet and its refresh script (issue 10): files of their own, linked by its page.
  files.set('css/print.css', makeAsset('print.css', readFileSync(path.join(OWN, 'print.css'))));
  files.set('js/agenda.js', makeAsset('x.js', readFileSync(path.join(OWN, 'agenda.js'))));
  // The reception's camera reader (issue 10): jsQR as published (a UMD script that sets self.jsQR),
  // and the page's script that feeds it the camera's frames.
  files.set('js/jsqr.js', makeAsset('x.js', readFileSync(path.join(packageDir('jsqr'), 'dist', 'jsQR.js'))));
  files.set('js/check-in.js', makeAsset('x.js', readFileSync(path.join(OWN, 'check-in.js'))));
  // The counter loop (issue 10): the queue page's refresh and the public call screen's poll.
  files.set('js/queue.js', makeAsset('x.js', readFileSync(path.join(OWN, 'queue.js'))));
  files.set('js/call-screen.js', makeAsset('x.js', readFileSync(path.join(OWN, 'call-screen.js'))));
  const hash = createHash('sha256');
  for (const [name, asset] of files) hash.update(name).update(asset.etag);
  return { version: hash.digest('base64url').slice(0, 10), files };
}

/** A bundled asset, or a DSFR font or icon the bundle refers to (read once, on first demand). */
function findAsset(assets: ReturnType<typeof buildAssets>, name: string): Asset | undefined {
  const bundled = assets.files.get(name);
  if (bundled) return bundled;
  // DSFR fonts and icons referenced by the bundle: only those folders, only known file types.
  if (!/^dsfr\/(fonts|icons)\/[\w/-]+\.(woff2?|svg)$/.test(name) || name.includes('..')) return undefined;
  const source = path.join(DSFR, name.slice('dsfr/'.length));
  if (!existsSync(source)) return undefined;
  const asset = makeAsset(name, readFileSync(source));
  assets.files.set(name, asset);
  return asset;
}

/** Serves /assets/VERSION/…: immutable, compressed once, fonts and icons read from the DSFR on demand. */
export function assetRoutes(app: FastifyInstance, assets: ReturnType<typeof buildAssets>): void {
  app.get('/assets/:version/*', { schema: { hide: true } }, async (request, reply) => {
    const asset = findAsset(assets, (request.params as { '*': string })['*']);
    if (!asset) return reply.status(404).type('text/plain').send('Not found');
    const accept = String(request.headers['accept-encoding'] ?? '');
    reply
      .header('content-type', asset.type)
      .header('etag', asset.etag)
      .header('vary', 'accept-encoding')
      .header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
    if (compressible(asset) && /\bbr\b/.test(accept)) {
      asset.brotli ??= brotliCompressSync(asset.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
      return reply.header('content-encoding', 'br').send(asset.brotli);
    }
    if (compressible(asset) && /\bgzip\b/.test(accept)) {
      asset.gzip ??= gzipSync(asset.body, { level: 9 });
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send(asset.body);
  });
}
