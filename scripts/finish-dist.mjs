#!/usr/bin/env node
// Writes dist/ from www/ and the wasm-bindgen output that scripts/build-web.sh leaves in
// target/web-build/ (app/: the app, wasm-opt'd; tools/: the tools module). Run by build-web.sh;
// each run writes dist/ anew (in target/web-build/dist, then moved into place).
// 0. dist/index.html is www/index.html with each `data-build` element replaced:
//    - <link data-build rel="inline" href="x.css">: the file's text in a <style>;
//    - <script data-build src="x.js" ...>: x-<hash>.js (a content hash), with its integrity;
//    - <link data-build rel="wasm-app" href="NAME">: the app, NAME-<hash>.js and
//      NAME-<hash>_bg.wasm (one hash of both), wasm-bindgen's snippets/ as they are, in its
//      place their preloads (with integrity; the wasm, the largest, first), and the inline
//      module script that loads it at the end of <head> (after boot.js);
//    - <link data-build rel="copy" href="x">: the file copied under its own name;
//    and the tools module goes to dist/tools/ (fixed names; the app imports tools/ncms_sim.js);
// 1. the Content-Security-Policy allows the inline loader and the inline styles by their sha256
//    (in place of the placeholders);
// 2. dist/sw.js gets the precache list and a version, the hash of every file of dist/, so that a
//    new build replaces the old cache. Precached: the files at the top of dist/ (the page as './')
//    but sw.js itself and the PNG icons (only installing needs them, online), wasm-bindgen's
//    snippets/ (the loader imports them), and the modules loaded after first paint, extras/ (the
//    answers, the families and risk panels) and tools/ (the worker's compute service): a first
//    visit that goes offline before they load must still have them; any other file is cached by
//    the worker when first used;
// 3. every text or wasm file, in folders too, gets its precompressed variants x.br (brotli,
//    quality 11) and x.gz (gzip, by zopfli: node_modules/@gfx/zopfli), written only where smaller, for scripts/serve.mjs or
//    any static host that serves precompressed files;
// 4. it prints each file's size raw, gzip and br.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const { gzipAsync } = createRequire(import.meta.url)('../node_modules/@gfx/zopfli');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const BUILT = path.join(ROOT, 'target', 'web-build');
const DIST = path.resolve(ROOT, process.argv[2] ?? 'dist');
const STAGE = path.join(BUILT, 'dist');
const die = (message) => { console.error(`build-web: ${message}`); process.exit(1); };
const sha256 = (data, encoding) => crypto.createHash('sha256').update(data).digest(encoding);
const integrity = (data) => `sha384-${crypto.createHash('sha384').update(data).digest('base64')}`;
// Content-hashed names: name-<16 hex>.ext (scripts/serve.mjs and www/sw.js know them by this).
const hashOf = (...parts) => sha256(Buffer.concat(parts), 'hex').slice(0, 16);
const read = (file) => {
  try { return fs.readFileSync(file); } catch { return die(`${path.relative(ROOT, file)} missing`); }
};

// 0. The page and its files.
fs.rmSync(STAGE, { recursive: true, force: true });
fs.mkdirSync(STAGE, { recursive: true });
const attrsOf = (tag) => Object.fromEntries(
  [...tag.matchAll(/\s([a-z][a-z0-9-]*)(?:="([^"]*)")?/g)].map((m) => [m[1], m[2] ?? '']),
);
// The app's loader: at the end of <head>, after boot.js, whose handlers must be in place to say
// so when the loader fails (scripts that defer run in the order of the page).
let loader = '';
const app = (name) => {
  const preloads = [];
  const dir = path.join(BUILT, 'app');
  const js = read(path.join(dir, `${name}.js`));
  const wasm = read(path.join(dir, `${name}_bg.wasm`));
  const hashed = `${name}-${hashOf(js, wasm)}`;
  fs.writeFileSync(path.join(STAGE, `${hashed}.js`), js);
  fs.writeFileSync(path.join(STAGE, `${hashed}_bg.wasm`), wasm);
  preloads.push(`<link rel="modulepreload" href="./${hashed}.js" crossorigin="anonymous" integrity="${integrity(js)}">`);
  // wasm-bindgen's snippets (a crate's inline JS), imported by the loader by their own paths.
  const snippets = path.join(dir, 'snippets');
  if (fs.existsSync(snippets)) {
    fs.cpSync(snippets, path.join(STAGE, 'snippets'), { recursive: true });
    const files = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(d, e.name);
      return e.isDirectory() ? files(p) : [p];
    }).sort();
    for (const f of files(snippets)) {
      const rel = path.relative(dir, f).split(path.sep).join('/');
      preloads.push(`<link rel="modulepreload" href="./${rel}" crossorigin="anonymous" integrity="${integrity(read(f))}">`);
    }
  }
  preloads.unshift(`<link rel="preload" href="./${hashed}_bg.wasm" crossorigin="anonymous" integrity="${integrity(wasm)}" as="fetch" type="application/wasm">`);
  loader = `<script type="module">
import init from './${hashed}.js';
await init({ module_or_path: './${hashed}_bg.wasm' });
</script>`;
  return preloads.join('\n');
};
let html = read(path.join(WWW, 'index.html')).toString('utf8');
html = html.replace(/<(link|script) data-build\b[^>]*>(<\/script>)?/g, (tag, kind) => {
  const a = attrsOf(tag);
  if (kind === 'script') {
    if (!a.src) die(`${tag}: no src`);
    const data = read(path.join(WWW, a.src));
    const ext = path.extname(a.src);
    const name = `${path.basename(a.src, ext)}-${hashOf(data)}${ext}`;
    fs.writeFileSync(path.join(STAGE, name), data);
    const rest = Object.entries(a).filter(([k]) => k !== 'data-build' && k !== 'src')
      .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${v}"`)).join('');
    return `<script src="./${name}"${rest} integrity="${integrity(data)}"></script>`;
  }
  switch (a.rel) {
    case 'inline': return `<style>${read(path.join(WWW, a.href)).toString('utf8')}</style>`;
    case 'wasm-app': return app(a.href);
    case 'copy': fs.copyFileSync(path.join(WWW, a.href), path.join(STAGE, a.href)); return '';
    default: return die(`${tag}: unknown rel`);
  }
});
if (!loader) die('www/index.html has no wasm-app link');
if (!html.includes('</head>')) die('www/index.html has no </head>');
html = html.replace('</head>', `${loader}\n</head>`);
// The tools module (also the compute worker's) and the app's second module, as wasm-bindgen
// wrote them.
fs.cpSync(path.join(BUILT, 'tools'), path.join(STAGE, 'tools'), { recursive: true });
fs.cpSync(path.join(BUILT, 'extras'), path.join(STAGE, 'extras'), { recursive: true });

// 1. CSP.
const hashesOf = (tag) => [...html.matchAll(new RegExp(`<${tag}(?![^>]*\\bsrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))]
  .map((m) => `'sha256-${sha256(Buffer.from(m[1], 'utf8'), 'base64')}'`);
// In each directive, the placeholder of www/index.html gives way to the hashes of the inline
// elements.
const allow = (directive, placeholder, hashes) => {
  const re = new RegExp(`(${directive} [^;]*?) '${placeholder}'(?=;)`);
  if (!re.test(html)) die(`CSP placeholder '${placeholder}' missing from ${directive} in www/index.html`);
  html = html.replace(re, (_, head) => `${head} ${hashes.join(' ')}`);
};
const scripts = hashesOf('script');
const styles = hashesOf('style');
if (scripts.length === 0) die('no inline script (the wasm loader) in dist/index.html');
if (styles.length === 0) die('no inline style in dist/index.html');
allow('script-src', 'sha256-LOADER_SCRIPT_HASH', scripts);
allow('style-src', 'sha256-INLINE_STYLE_HASHES', styles);
fs.writeFileSync(path.join(STAGE, 'index.html'), html);
console.log(`build-web: CSP allows ${scripts.length} inline script(s) and ${styles.length} inline style(s) by hash`);

// 2. The service worker's precache list and version.
// Every file under the stage, as a path with '/' (sorted, so that the version is reproducible).
const walk = (dir) => fs.readdirSync(path.join(STAGE, dir), { withFileTypes: true }).flatMap((e) => {
  const rel = dir ? `${dir}/${e.name}` : e.name;
  return e.isDirectory() ? walk(rel) : e.isFile() ? [rel] : [];
}).sort();
const swFile = path.join(STAGE, 'sw.js');
if (!fs.existsSync(swFile)) die('dist/sw.js missing (www/index.html copies www/sw.js)');
const files = walk('').filter((f) => f !== 'sw.js');
const version = sha256(Buffer.concat(files.flatMap((f) => [Buffer.from(`${f}\0`), fs.readFileSync(path.join(STAGE, f))])), 'hex').slice(0, 16);
const precache = files
  .filter((f) => (!f.includes('/') && !f.endsWith('.png')) || /^(snippets|extras|tools)\//.test(f))
  .map((f) => (f === 'index.html' ? './' : f));
const marker = /^const BUILD = \{[^\n]*\}; \/\/ BUILD[^\n]*$/m;
let sw = fs.readFileSync(swFile, 'utf8');
if (!marker.test(sw)) die('dist/sw.js lacks its `const BUILD = {...}; // BUILD` line');
sw = sw.replace(marker, `const BUILD = ${JSON.stringify({ version, files: precache })}; // BUILD (written by scripts/finish-dist.mjs)`);
fs.writeFileSync(swFile, sw);
console.log(`build-web: service worker version ${version}, ${precache.length} files precached`);

// 3. Precompressed variants.
const COMPRESS = /\.(html|js|mjs|css|wasm|svg|json|webmanifest|txt)$/;
const rows = [];
for (const f of walk('')) {
  const file = path.join(STAGE, f);
  const raw = fs.readFileSync(file);
  const row = { f, raw: raw.length, gz: null, br: null };
  if (COMPRESS.test(f)) {
    // Zopfli writes standard gzip about 4 % smaller than zlib's level 9 (one iteration: more
    // gain nothing on these files); a host that serves the .gz files sends these bytes.
    const gz = Buffer.from(await gzipAsync(raw, { numiterations: 1 }));
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

// dist/ is the finished stage.
fs.rmSync(DIST, { recursive: true, force: true });
try {
  fs.renameSync(STAGE, DIST);
} catch {
  fs.cpSync(STAGE, DIST, { recursive: true }); // another file system
  fs.rmSync(STAGE, { recursive: true, force: true });
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
