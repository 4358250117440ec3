// The service worker: after the first visit the app opens and runs with no network.
// On install it precaches the app shell (the page, the hashed JS and wasm, wasm-bindgen's
// snippets, the manifest and its icon) in a cache named after the build's version, and serves it
// cache-first, falling back to the network. Other files under its scope (a module the app loads
// on demand, in a folder beside the page) are cached when first fetched, so they too work
// offline once used. Navigations elsewhere and other origins are left to the browser. A new build changes this
// file (its version), so the browser installs the new worker, which takes over at once: the next
// visit runs the new build. It keeps the previous build's cache (and deletes older ones), so that
// a page of the previous build still loading when it takes over gets its files.
//
// scripts/finish-dist.mjs (run by scripts/build-web.sh) writes the version and the file list
// below into dist/sw.js. Paths are relative to the worker's scope, so the app works under any path.
const BUILD = { version: 'dev', files: [] }; // BUILD (replaced by scripts/finish-dist.mjs)

const CACHE = `ncms-${BUILD.version}`;
const SCOPE = self.registration.scope; // ends with '/'
const SHELL = SCOPE; // the page itself, precached as './'
// Content-hashed names (name-<hex>.js, name-<hex>_bg.wasm) never change content; anything else
// is revalidated on install, so that a host's HTTP cache cannot hand an old page to a new worker.
const HASHED = /-[0-9a-f]{12,20}(_bg)?\.[a-z0-9]+$/;
const PRECACHED = new Set(BUILD.files.map((file) => new URL(file, SCOPE).href));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(BUILD.files.map(async (file) => {
      const url = new URL(file, SCOPE).href;
      const response = await fetch(url, { cache: HASHED.test(url) ? 'default' : 'no-cache' });
      if (!response.ok) throw new Error(`precache: ${url} answered ${response.status}`);
      await cache.put(url, await clean(response));
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const older = (await caches.keys()).filter((name) => name.startsWith('ncms-') && name !== CACHE);
    for (const name of older.slice(0, -1)) await caches.delete(name); // keys() is oldest first
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  let key = url.origin + url.pathname; // the query does not matter to static files
  if (request.mode === 'navigate' && (key === SHELL || key === `${SCOPE}index.html`)) key = SHELL;
  if (PRECACHED.has(key)) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(key)) ?? fetch(request);
    })());
  } else if (key.startsWith(SCOPE) && request.mode !== 'navigate' && key !== `${SCOPE}sw.js`) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      // A hashed file may be the previous build's, for a page that started before this worker
      // took over; other names are this build's only.
      const hit = HASHED.test(key) ? await caches.match(key) : await cache.match(key);
      if (hit) return hit;
      const response = await fetch(request);
      if (response.status === 200 && response.type === 'basic') await cache.put(key, response.clone());
      return response;
    })());
  }
  // Anything else is not ours: the browser fetches it as usual.
});

// A response that followed a redirect cannot answer a navigation: keep its body and headers only.
async function clean(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, headers: response.headers });
}
