#!/usr/bin/env node
// A small static server for dist/, with no dependencies, as a production host should serve it:
//   node scripts/serve.mjs [DIR]            # DIR defaults to dist/; PORT (8080) and HOST (127.0.0.1)
// - precompressed files: for x, the build writes x.br and x.gz; the server picks br, then gzip,
//   then the file itself, by the request's Accept-Encoding (q-values honoured), and says so with
//   Content-Encoding and Vary: Accept-Encoding;
// - MIME types (application/wasm for instantiateStreaming), nosniff;
// - caching: file names with a content hash (boot-0123456789abcdef.js) are immutable for
//   a year; everything else (index.html, sw.js, the manifest, icons) is no-cache, revalidated
//   by ETag, so a new build is seen at once;
// - a directory serves its index.html; a directory without its trailing slash is redirected (the
//   app's URLs are relative, `./`); nothing outside DIR is served (no `..`, no symlink out).
// Also imported by the browser tests (tests/e2e/helpers.mjs) and the load benchmark, which serve
// the app through it, optionally under a sub-path (`prefix`).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.br': 'application/octet-stream',
  '.gz': 'application/gzip',
};

// The build's hashed names (scripts/finish-dist.mjs): name-<hex>.ext or name-<hex>_bg.wasm.
const HASHED = /-[0-9a-f]{12,20}(_bg)?\.[a-z0-9]+$/;

/** The encodings the request accepts, best first among those we have: ['br', 'gzip'] or fewer. */
export function acceptedEncodings(header) {
  const q = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (enc) => q.get(enc) ?? (q.has('*') ? q.get('*') : 0);
  return ['br', 'gzip'].filter((enc) => weight(enc) > 0).sort((a, b) => weight(b) - weight(a));
}

/**
 * A request handler serving `root` (an absolute directory) under the URL path `prefix` ('/' or
 * '/some/path/'). `log(line)` is called once a request if given; `onServe({ path, status,
 * encoding, bytes })` once a response body is sent (the benchmark counts bytes with it).
 * `encodings` limits the precompressed variants used (the benchmark compares br, gzip, none).
 */
export function handler({ root, prefix = '/', log, onServe, encodings = ['br', 'gzip'] } = {}) {
  const base = fs.realpathSync(root);
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error('prefix must start and end with /');
  return (req, res) => {
    const done = (status, headers = {}, body) => {
      res.writeHead(status, { 'x-content-type-options': 'nosniff', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
      log?.(`${status} ${req.method} ${req.url}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      done(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }, 'method not allowed\n');
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://host').pathname);
    } catch {
      done(400, { 'content-type': 'text/plain' }, 'bad request\n');
      return;
    }
    if (pathname + '/' === prefix) { done(301, { location: prefix }); return; }
    if (!pathname.startsWith(prefix) || pathname.includes('\0')) {
      done(404, { 'content-type': 'text/plain' }, 'not found\n');
      return;
    }
    const relative = pathname.slice(prefix.length);
    if (relative.split('/').some((part) => part === '..')) {
      done(403, { 'content-type': 'text/plain' }, 'forbidden\n');
      return;
    }
    let file = path.join(base, relative);
    let stat;
    try {
      file = fs.realpathSync(file);
      if (file !== base && !file.startsWith(base + path.sep)) throw new Error('outside');
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) { done(301, { location: pathname + '/' }); return; }
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
      if (!stat.isFile()) throw new Error('not a file');
    } catch {
      done(404, { 'content-type': 'text/plain' }, 'not found\n');
      return;
    }

    const headers = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': HASHED.test(path.basename(file))
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    };
    // The precompressed variants of this file, if the build made them.
    const variants = { br: file + '.br', gzip: file + '.gz' };
    const have = encodings.filter((enc) => fs.existsSync(variants[enc]));
    if (have.length > 0) headers.vary = 'Accept-Encoding';
    const encoding = acceptedEncodings(req.headers['accept-encoding']).find((enc) => have.includes(enc));
    let served = file;
    if (encoding) {
      served = variants[encoding];
      stat = fs.statSync(served);
      headers['content-encoding'] = encoding;
    }
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${encoding ? '-' + encoding : ''}"`;
    headers.etag = etag;
    headers['last-modified'] = stat.mtime.toUTCString();
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etag)) {
      done(304, { etag, 'cache-control': headers['cache-control'], ...(headers.vary ? { vary: headers.vary } : {}) });
      return;
    }
    headers['content-length'] = stat.size;
    res.writeHead(200, { 'x-content-type-options': 'nosniff', ...headers });
    log?.(`200 ${req.method} ${req.url}${encoding ? ' ' + encoding : ''}`);
    if (req.method === 'HEAD') { res.end(); return; }
    const stream = fs.createReadStream(served);
    stream.on('error', () => res.destroy());
    if (onServe) res.on('finish', () => onServe({ path: pathname, status: 200, encoding: encoding ?? null, bytes: stat.size }));
    stream.pipe(res);
  };
}

/**
 * Starts a server for `root` on host:port (port 0: any free port) under `prefix`. Resolves to
 * { server, origin, url, close } where `url` is the app's address.
 */
export async function serve({ root, port = 0, host = '127.0.0.1', prefix = '/', ...options } = {}) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${path.join(root, 'index.html')} is missing: run scripts/build-web.sh first`);
  }
  const server = http.createServer(handler({ root, prefix, ...options }));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const origin = `http://${host}:${server.address().port}`;
  return {
    server,
    origin,
    url: origin + prefix,
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections?.();
    }),
  };
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(process.argv[2] ?? path.join(here, '..', 'dist'));
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const quiet = process.env.QUIET === '1';
  try {
    const { url } = await serve({ root, port, host, log: quiet ? undefined : (line) => console.log(line) });
    console.log(`NCMS policy simulator: ${url} (serving ${root}; Ctrl-C stops)`);
  } catch (e) {
    console.error(`serve: ${e.message}`);
    process.exit(1);
  }
}
