// The guide's page behaviour, with no build step: typeset the maths (KaTeX), colour the Java
// (highlight.js, loaded last), give the boxes that scroll a tab stop, and let ← and → walk the sections.
// A classic script rather than a module, so that it also runs when an exported copy of the guide
// is opened straight from the disk.
(function () {
  'use strict';

  var script = document.currentScript;

  function typesetMaths() {
    if (!window.katex) return;
    document.querySelectorAll('.math').forEach(function (element) {
      var tex = element.textContent;
      try {
        window.katex.render(tex, element, {
          displayMode: element.classList.contains('math-display'),
          throwOnError: true
        });
        wrapBareMathText(element);
      } catch (error) {
        // Leave the TeX readable and say so: a page with broken maths is a bug worth seeing.
        element.classList.add('math-error');
        console.error('KaTeX could not typeset "' + tex + '": ' + error.message);
      }
    });
  }

  // KaTeX writes some spaces (\, and the like) in its MathML as a bare character such as U+2009
  // straight inside an <mrow>, where MathML allows only elements: the HTML checker rejects it.
  // Each such character goes into an <mtext>, MathML's element for text; nothing visible changes
  // (the MathML is what screen readers read, the HTML beside it is what is shown).
  var MATHML = 'http://www.w3.org/1998/Math/MathML';
  var MATH_TEXT_ELEMENTS = ['mi', 'mn', 'mo', 'ms', 'mtext', 'annotation'];

  function wrapBareMathText(element) {
    element.querySelectorAll('.katex-mathml *').forEach(function (node) {
      if (MATH_TEXT_ELEMENTS.indexOf(node.localName) >= 0) return;
      Array.prototype.slice.call(node.childNodes).forEach(function (child) {
        if (child.nodeType !== Node.TEXT_NODE || !/[^ \t\n\f\r]/.test(child.data)) return;
        var text = document.createElementNS(MATHML, 'mtext');
        node.replaceChild(text, child);
        text.appendChild(child);
      });
    });
  }

  function colourJava() {
    window.hljs.configure({ ignoreUnescapedHTML: true });
    document.querySelectorAll('pre code.language-java').forEach(function (code) {
      window.hljs.highlightElement(code);
    });
  }

  // highlight.js takes longer to start than anything else the page loads (a quarter of a second on
  // a slow machine) and colours are the least urgent thing on it, so a page with Java code (its
  // tag names the script) loads it once the widgets are up (widgets.js marks <html data-widgets>).
  function highlightCode() {
    var src = script.getAttribute('data-highlight');
    if (!src) return;
    whenWidgetsMounted(function () {
      var tag = document.createElement('script');
      tag.src = src;
      tag.onload = colourJava;
      document.head.append(tag);
    });
  }

  function whenWidgetsMounted(then) {
    var root = document.documentElement;
    if (root.dataset.widgets === 'mounted') { then(); return; }
    var observer = new MutationObserver(function () {
      if (root.dataset.widgets !== 'mounted') return;
      observer.disconnect();
      then();
    });
    observer.observe(root, { attributes: true, attributeFilter: ['data-widgets'] });
  }

  // ← and → follow the page's previous/next links, unless the reader is typing, is inside
  // something that uses the arrows itself (a scrollable code block or formula, a widget), or holds a modifier.
  var ARROW_USERS = 'input, textarea, select, button, [contenteditable]:not([contenteditable="false"]), pre, [data-widget], [role="slider"]';

  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var rel = event.key === 'ArrowLeft' ? 'prev' : event.key === 'ArrowRight' ? 'next' : null;
    if (!rel) return;
    var target = event.target;
    if (target && target.closest && target.closest(ARROW_USERS + ', ' + SCROLLERS)) return;
    var link = document.querySelector('a[rel="' + rel + '"]');
    if (!link) return;
    event.preventDefault();
    window.location.href = link.href;
  }

  // {{names:training}}: the list is in the page, so filtering it is plain JavaScript and works
  // from a static export too. Without JavaScript the whole list still shows; the box stays hidden.
  function filterNameLists() {
    document.querySelectorAll('.name-sample').forEach(function (sample) {
      var box = sample.querySelector('.name-filter');
      var input = box.querySelector('input');
      var status = box.querySelector('.name-filter-status');
      var items = Array.prototype.slice.call(sample.querySelectorAll('.name-sample-list li'));
      function apply() {
        var wanted = input.value.trim().toLowerCase();
        var shown = 0;
        items.forEach(function (item) {
          var match = item.textContent.indexOf(wanted) >= 0;
          item.hidden = !match;
          if (match) shown++;
        });
        var all = items.length.toLocaleString('en-US');
        status.textContent = wanted === '' ? 'All ' + all + ' names.'
          : shown.toLocaleString('en-US') + ' of ' + all + ' names contain \u201c' + wanted + '\u201d.';
      }
      input.addEventListener('input', apply);
      box.hidden = false;
      apply();
    });
  }

  // A box that scrolls (a formula, a table or a log wider than a phone, a long list in a widget)
  // must take focus, or a keyboard reader cannot scroll it. Only the ones that do scroll get a
  // tab stop. They are measured again when the fonts arrive (KaTeX's change the widths), when
  // the window changes size, and when a widget draws or redraws (its tables come later).
  var SCROLLERS = '.math-display, .content pre, .content table, .table-scroll, .fidelity-scroll, .mf-probs';
  var FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

  function scrolls(box) {
    var style = window.getComputedStyle(box);
    return (/auto|scroll/.test(style.overflowX) && box.scrollWidth > box.clientWidth)
      || (/auto|scroll/.test(style.overflowY) && box.scrollHeight > box.clientHeight);
  }

  function focusScrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      // Already reachable: focusable itself, inside a box that is, or holding something that is.
      if (box.hasAttribute('tabindex') || box.parentElement.closest('[tabindex="0"]') || box.querySelector(FOCUSABLE)) return;
      if (scrolls(box)) box.tabIndex = 0;
    });
  }

  function keepScrollersFocusable() {
    focusScrollers();
    if (document.fonts) document.fonts.ready.then(focusScrollers);
    window.addEventListener('resize', focusScrollers);
    var main = document.querySelector('main');
    if (main && window.MutationObserver) new MutationObserver(focusScrollers).observe(main, { childList: true, subtree: true });
  }

  function start() {
    typesetMaths();
    highlightCode();
    filterNameLists();
    keepScrollersFocusable();
  }

  document.addEventListener('keydown', onKey);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
