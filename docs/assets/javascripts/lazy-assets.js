/* On every page: loads what only some pages need, when a page needs it, from this site
 * (never a CDN). diagram.js (and through it Mermaid) where a diagram is shown;
 * decision-guide.js and its styles where the guide or the scorer is. Runs on every
 * page load that Material's document$ announces, so it works with instant navigation;
 * each loaded script then follows document$ itself. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src || location.href;
  var modules = [
    { selector: "figure.fwg-diagram", script: "diagram.js" },
    { selector: "[data-decision-guide], [data-scorer]", script: "decision-guide.js",
      style: "../stylesheets/decision-guide.css" }
  ];

  function load() {
    modules.forEach(function (m) {
      if (m.loaded || !document.querySelector(m.selector)) return;
      m.loaded = true;
      if (m.style) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = new URL(m.style, here).href;
        document.head.appendChild(link);
      }
      var script = document.createElement("script");
      script.src = new URL(m.script, here).href;
      document.body.appendChild(script);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(load);
  } else {
    document.addEventListener("DOMContentLoaded", load);
  }
})();
