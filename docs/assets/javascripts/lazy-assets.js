/* Loads what only some pages need, when a page needs it, from this site (never a CDN):
 * - Mermaid, on pages with a diagram: renders them, and again when the reader switches
 *   between the light and dark palette;
 * - the decision guide's script and styles, on pages with the guide or the scorer.
 * Every other page carries only this small file. Works with Material's instant
 * navigation: it runs on every page load that document$ announces. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var libraryUrl = new URL("../vendor/mermaid/mermaid.min.js", here || location.href).href;
  var lazyModules = [{
    selector: "[data-decision-guide], [data-scorer]",
    script: new URL("decision-guide.js", here || location.href).href,
    style: new URL("../stylesheets/decision-guide.css", here || location.href).href,
    loaded: false
  }];

  function loadModules() {
    lazyModules.forEach(function (module) {
      if (module.loaded || !document.querySelector(module.selector)) return;
      module.loaded = true;
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = module.style;
      document.head.appendChild(link);
      var script = document.createElement("script");
      script.src = module.script;
      document.body.appendChild(script);
    });
  }
  var loading = null;
  var counter = 0;

  function loadLibrary() {
    if (window.mermaid) return Promise.resolve(window.mermaid);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = libraryUrl;
        script.onload = function () { resolve(window.mermaid); };
        script.onerror = function () { reject(new Error("could not load " + libraryUrl)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function isDark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function renderAll() {
    var figures = document.querySelectorAll("figure.fwg-diagram");
    if (!figures.length) return;
    loadLibrary().then(function (mermaid) {
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: isDark() ? "dark" : "default" });
      figures.forEach(function (figure) {
        var source = figure.querySelector(".fwg-mermaid-src");
        var target = figure.querySelector(".fwg-mermaid");
        if (!source || !target) return;
        counter += 1;
        mermaid.render("fwg-diagram-" + counter, source.textContent).then(function (result) {
          target.innerHTML = result.svg;
          target.setAttribute("data-rendered", isDark() ? "dark" : "light");
        }).catch(function (error) {
          target.textContent = "The diagram could not be drawn; the text version follows.";
          target.setAttribute("data-rendered", "error");
          console.error(error);
        });
      });
    }).catch(function (error) { console.error(error); });
  }

  function onPage() {
    loadModules();
    renderAll();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
  new MutationObserver(function (changes) {
    if (changes.some(function (c) { return c.attributeName === "data-md-color-scheme"; })) renderAll();
  }).observe(document.body, { attributes: true });
})();
