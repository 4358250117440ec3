#!/usr/bin/env node
// The build steps after trunk (run by scripts/build-web.sh; idempotent on a fresh trunk output):
// 1. the Content-Security-Policy of dist/index.html allows trunk's inline loader and the inline
//    styles by their sha256 (in place of the placeholders), and the build-time nonce, the same
//    for every visitor, goes;
// 2. dist/sw.js gets the precache list and a version, the hash of every file of dist/, so that a
//    new build replaces the old cache. Precached: the files at the top of dist/ (the page as './')
//    but sw.js itself and the PNG icons (only installing needs them, online), and wasm-bindgen's
//    snippets/ (the loader imports them); any other folder (e.g. a module loaded on demand) is
//    cached by the worker when first used;
// 3. every text or wasm file, in folders too, gets its precompressed variants x.br (brotli,
//    quality 11) and x.gz (gzip, level 9), written only where smaller, for scripts/serve.mjs or
//    any static host that serves precompressed files;
// Anything a build step adds to dist/ must be there before this runs.
// 4. it prints each file's size raw, gzip and br.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', process.argv[2] ?? 'dist');
const die = (message) => { console.error(`build-web: ${message}`); process.exit(1); };
const sha256 = (data, encoding) => crypto.createHash('sha256').update(data).digest(encoding);

// 1. CSP.
const indexFile = path.join(DIST, 'index.html');
let html = fs.readFileSync(indexFile, 'utf8');
html = html.replace(/\snonce="[^"]*"/g, '');
const hashesOf = (tag) => [...html.matchAll(new RegExp(`<${tag}(?![^>]*\\bsrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))]
  .map((m) => `'sha256-${sha256(Buffer.from(m[1], 'utf8'), 'base64')}'`);
// In each directive, the placeholder of www/index.html, or (run again on a finished dist/) the
// hashes written before, gives way to the hashes of the inline elements.
const allow = (directive, placeholder, hashes) => {
  const re = new RegExp(`(${directive} [^;]*?)( '${placeholder}'|( 'sha256-[A-Za-z0-9+/=]+')+)(?=;)`);
  if (!re.test(html)) die(`CSP placeholder '${placeholder}' missing from ${directive} in dist/index.html`);
  html = html.replace(re, (_, head) => `${head} ${hashes.join(' ')}`);
};
const scripts = hashesOf('script');
const styles = hashesOf('style');
if (scripts.length === 0) die('no inline script (trunk\'s loader) found in dist/index.html');
if (styles.length === 0) die('no inline style found in dist/index.html');
allow('script-src', 'sha256-TRUNK_LOADER_HASH', scripts);
allow('style-src', 'sha256-INLINE_STYLE_HASHES', styles);
fs.writeFileSync(indexFile, html);
console.log(`build-web: CSP allows ${scripts.length} inline script(s) and ${styles.length} inline style(s) by hash`);

// 2. The service worker's precache list and version.
// Every file under dist/, as a path with '/' (sorted, so that the version is reproducible).
const walk = (dir) => fs.readdirSync(path.join(DIST, dir), { withFileTypes: true }).flatMap((e) => {
  const rel = dir ? `${dir}/${e.name}` : e.name;
  return e.isDirectory() ? walk(rel) : e.isFile() ? [rel] : [];
}).sort();
for (const f of walk('')) {
  if (f.endsWith('.br') || f.endsWith('.gz')) fs.rmSync(path.join(DIST, f)); // a stale variant
}
const swFile = path.join(DIST, 'sw.js');
if (!fs.existsSync(swFile)) die('dist/sw.js missing (www/index.html copies www/sw.js)');
const files = walk('').filter((f) => f !== 'sw.js');
const version = sha256(Buffer.concat(files.flatMap((f) => [Buffer.from(`${f}\0`), fs.readFileSync(path.join(DIST, f))])), 'hex').slice(0, 16);
const precache = files
  .filter((f) => (!f.includes('/') && !f.endsWith('.png')) || f.startsWith('snippets/'))
  .map((f) => (f === 'index.html' ? './' : f));
const marker = /^const BUILD = \{[^\n]*\}; \/\/ BUILD[^\n]*$/m;
let sw = fs.readFileSync(swFile, 'utf8');
if (!marker.test(sw)) die('dist/sw.js lacks its `const BUILD = {...}; // BUILD` line');
sw = sw.replace(marker, `const BUILD = ${JSON.stringify({ version, files: precache })}; // BUILD (written by scripts/build-web.sh)`);
fs.writeFileSync(swFile, sw);
console.log(`build-web: service worker version ${version}, ${precache.length} files precached`);

// 3. Precompressed variants.
const COMPRESS = /\.(html|js|mjs|css|wasm|svg|json|webmanifest|txt)$/;
const rows = [];
for (const f of walk('')) {
  const file = path.join(DIST, f);
  const raw = fs.readFileSync(file);
  const row = { f, raw: raw.length, gz: null, br: null };
  if (COMPRESS.test(f)) {
    const gz = zlib.gzipSync(raw, { level: 9, memLevel: 9 });
    const br = zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS, // 16 MB, the most a browser accepts
        [zlib.constants.BROTLI_PARAM_MODE]: f.endsWith('.wasm') ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    if (gz.length < raw.length) { fs.writeFileSync(`${file}.gz`, gz); row.gz = gz.length; }
    if (br.length < raw.length) { fs.writeFileSync(`${file}.br`, br); row.br = br.length; }
  }
  rows.push(row);
}

// 4. Sizes.
const kb = (n) => (n === null ? '-' : `${(n / 1024).toFixed(1)} KB`);
const width = Math.max(...rows.map((r) => r.f.length));
console.log(`build-web: ${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  ${'br'.padStart(9)}`);
for (const r of rows) {
  console.log(`build-web: ${r.f.padEnd(width)}  ${kb(r.raw).padStart(9)}  ${kb(r.gz).padStart(9)}  ${kb(r.br).padStart(9)}`);
}
const total = (key) => rows.reduce((s, r) => s + (r[key] ?? r.raw), 0);
console.log(`build-web: ${'all files'.padEnd(width)}  ${kb(total('raw')).padStart(9)}  ${kb(total('gz')).padStart(9)}  ${kb(total('br')).padStart(9)}`);
