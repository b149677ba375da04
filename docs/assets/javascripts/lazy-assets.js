/* On every page: the one subscription to page changes, and loading what only some pages need.
 *
 * fwgPage.on(fn) runs fn for the current page and again after every page change (Material's
 * instant navigation announces each through document$); every other script of this site uses it
 * instead of subscribing itself. Scripts that only some pages need are loaded, from this site (never
 * a CDN), the first time a page shows the element that needs them. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src || location.href;
  var handlers = [];
  var current = false; // a page has been announced
  // Their styles are in guide.css, loaded with every page, so nothing is restyled (or moves) when
  // the scripts arrive.
  var modules = [
    { selector: "[data-decision-guide], [data-scorer]", scripts: ["scoring.js", "decision-guide.js"] }
  ];

  function load(m) {
    m.loaded = true;
    m.scripts.forEach(function (name) {
      var script = document.createElement("script");
      script.src = new URL(name, here).href;
      script.async = false; // run in the listed order
      document.body.appendChild(script);
    });
  }

  function pageChanged() {
    current = true;
    modules.forEach(function (m) { if (!m.loaded && document.querySelector(m.selector)) load(m); });
    handlers.forEach(function (fn) { fn(); });
  }

  window.fwgPage = {
    on: function (fn) {
      handlers.push(fn);
      if (current) fn();
    }
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(pageChanged);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", pageChanged);
  } else {
    pageChanged();
  }
})();
