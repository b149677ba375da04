/* Draws the guide's Mermaid diagrams (figure.fwg-diagram) with the copy of Mermaid served
 * by this site, and draws them again when the reader switches between the light and the
 * dark palette. Loaded by lazy-assets.js only on pages that show a diagram; runs again on
 * every page change through fwgPage.on (lazy-assets.js). */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src || location.href;
  var libraryUrl = new URL("../vendor/mermaid/mermaid.min.js", here).href;
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

  window.fwgPage.on(renderAll);
  new MutationObserver(function (changes) {
    if (changes.some(function (c) { return c.attributeName === "data-md-color-scheme"; })) renderAll();
  }).observe(document.body, { attributes: true });
})();
