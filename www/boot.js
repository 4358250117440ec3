// Runs before the app's loader (a deferred classic script, in ES5 so that an old browser runs it
// too). Until the app mounts (an `.app` element exists; Yew then empties <body>, taking the
// loading message with it) it:
// - tells the user when this browser cannot run the app (no WebAssembly or no module scripts:
//   an old browser, or a dual-core browser in its compatibility mode);
// - tells the user when loading fails (a script or the wasm fails to load or start) instead of
//   leaving the loading message on screen;
// - adds a "still loading" note on a slow line.
// Then, once the page has loaded, it registers the service worker (./sw.js, scope ./), which
// keeps the app for offline use, and looks for a new build. No request leaves the origin, nothing
// is logged.
(function () {
  'use strict';
  var mounted = function () { return !!document.querySelector('.app'); };
  var show = function (id) {
    var el = document.getElementById(id);
    if (el) el.hidden = false;
    return el;
  };
  var stop = function () {
    var now = document.querySelector('.loading-now');
    if (now) now.hidden = true;
  };

  var modules = 'noModule' in document.createElement('script');
  if (typeof WebAssembly !== 'object' || !modules) {
    stop();
    show('loading-unsupported');
    return;
  }

  var failed = false;
  var fail = function (detail) {
    if (failed || mounted()) return;
    failed = true;
    stop();
    show('loading-failed');
    var text = document.getElementById('loading-detail');
    if (text && detail) text.textContent = String(detail).slice(0, 300);
  };
  // Runtime errors and rejected promises (the loader's `await init(...)`), and, in the capture
  // phase, a <script> that fails to load. Icons, the manifest and preloads are not failures:
  // the loader's own fetch of the wasm fails too if the wasm cannot be had.
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target !== window && target.tagName !== 'SCRIPT') return;
    fail(event.message || (target && target.src ? 'failed to load ' + target.src : 'error'));
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    var reason = event.reason;
    fail(reason && reason.message ? reason.message : reason);
  });
  var reload = document.getElementById('loading-reload');
  if (reload) reload.addEventListener('click', function () { location.reload(); });
  setTimeout(function () { if (!failed && !mounted()) show('loading-slow'); }, 15000);

  // Offline use after the first visit, where the browser allows a service worker (HTTPS or
  // localhost); elsewhere the loading message does not promise it. After the load event, so that the worker's precaching
  // (mostly from the HTTP cache by then) does not compete with the first load. A page that a
  // worker already serves asks it to look for a new build (register() alone does not): if sw.js
  // changed, the new worker installs and takes over, and the next visit runs the new build.
  if ('serviceWorker' in navigator && window.isSecureContext) {
    window.addEventListener('load', function () {
      var served = !!navigator.serviceWorker.controller;
      var ignore = function () {};
      navigator.serviceWorker.register('./sw.js', { scope: './' }).then(function (registration) {
        if (served && navigator.onLine !== false) return registration.update();
      })['catch'](ignore); // no worker (e.g. storage disabled) or offline: the app works as it is
    });
  } else {
    var promises = document.querySelectorAll('.loading-offline');
    for (var i = 0; i < promises.length; i++) promises[i].hidden = true;
  }
})();
