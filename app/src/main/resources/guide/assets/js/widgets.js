// Mounts the interactive widgets. Each "Try it" block holds <div data-widget="NAME" data-…>;
// this loader imports the ES module widgets/NAME.js beside it and calls its default export
// with (element, options). Only modules listed in widgets/manifest.json are imported, so a
// widget that is not written yet shows a quiet note instead of a failing request.
//
// It is a classic script using dynamic import() rather than a module itself: browsers refuse
// module scripts on file:// pages, and an exported guide opened from the disk should still
// load cleanly (its widgets then say how to see them).
(function () {
  'use strict';

  var script = document.currentScript;
  var widgetsBase = new URL('widgets/', script.src);

  function note(element, text) {
    var p = document.createElement('p');
    p.className = 'widget-note';
    p.textContent = text;
    element.replaceChildren(p);
  }

  // What widgets/manifest.json says: {widgets: [the modules that exist], api: whether a server answers}.
  function widgetManifest() {
    if (location.protocol === 'file:') return Promise.resolve(null);
    return fetch(new URL('manifest.json', widgetsBase))
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; });
  }

  function mount(element, available) {
    var name = element.dataset.widget;
    if (available === null) {
      note(element, 'Interactive widget: open the guide through a web server (microgpt serve) to use it.');
      return Promise.resolve();
    }
    if (available.indexOf(name) < 0) {
      note(element, 'Interactive widget coming soon.');
      return Promise.resolve();
    }
    return import(new URL(name + '.js', widgetsBase).href)
      .then(function (module) { return module.default(element, Object.assign({}, element.dataset)); })
      .catch(function (error) {
        console.error('widget ' + name + ' failed: ' + error);
        note(element, 'This widget could not start.');
      });
  }

  // When every widget has mounted (each first render done, or its note shown), the page says so
  // on <html data-widgets="mounted">: the browser tests audit a page in that state, not a half-drawn one.
  function mounted() {
    document.documentElement.dataset.widgets = 'mounted';
  }

  function start() {
    var elements = Array.prototype.slice.call(document.querySelectorAll('[data-widget]'));
    if (elements.length === 0) { mounted(); return; }
    (early.manifest || widgetManifest()).then(function (manifest) {
      if (manifest === null) return Promise.all(elements.map(function (element) { return mount(element, null); }));
      var available = manifest.widgets || [];
      return Promise.all(elements.map(function (element) { return mount(element, available); }));
    }).then(mounted);
  }

  // This script runs first of the page's deferred ones, as soon as the page is parsed and before
  // KaTeX. On a page with widgets (its tag says so) it asks at once for what they all need: the
  // manifest, and lib/guide-api.js, which nearly every widget imports.
  var early = { manifest: null };
  if (script.hasAttribute('data-has-widgets') && location.protocol !== 'file:') {
    early.manifest = widgetManifest();
    import(new URL('lib/guide-api.js', widgetsBase).href).catch(function () {});   // a failure shows in the widgets
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
