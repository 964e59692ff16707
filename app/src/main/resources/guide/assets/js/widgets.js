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

  function availableWidgets() {
    if (location.protocol === 'file:') return Promise.resolve(null);
    return fetch(new URL('manifest.json', widgetsBase))
      .then(function (response) { return response.ok ? response.json() : { widgets: [] }; })
      .then(function (manifest) { return manifest.widgets || []; })
      .catch(function () { return []; });
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
    availableWidgets().then(function (available) {
      return Promise.all(elements.map(function (element) { return mount(element, available); }));
    }).then(mounted);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
