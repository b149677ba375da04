/* Accessibility touch-ups for markup the theme creates, applied at run time so that they hold under
 * both builders (MkDocs with Material, and Zensical) without copies of the theme's templates:
 *  - the search dialog gets an accessible name (axe-core rule aria-dialog-name) when it has none;
 *  - the progress bar of instant navigation only animates a CSS variable (no aria-valuenow), so to
 *    assistive technology it is noise: it is hidden from it (axe flagged an unnamed progressbar);
 *  - each code block's tool bar (the copy button) is an unnamed <nav>; two code blocks on one page
 *    make indistinguishable landmarks (rule landmark-unique): each is named after its position.
 * Runs again whenever the theme adds such markup (instant navigation swaps content in place). */
(function () {
  "use strict";
  var WATCHED = ".md-code__nav, .md-search, .md-progress, pre";

  function nameSearch() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])')
      .forEach(function (dialog) {
        var input = dialog.querySelector("input");
        dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
      });
  }

  function hideProgress() {
    document.querySelectorAll('.md-progress[role="progressbar"]:not([aria-valuenow])').forEach(function (bar) {
      bar.removeAttribute("role");
      bar.setAttribute("aria-hidden", "true");
    });
  }

  function nameCodeTools() {
    var navs = document.querySelectorAll(".md-code__nav");
    for (var i = 0; i < navs.length; i += 1) {
      var label = "Code block " + (i + 1) + " tools";
      if (navs[i].getAttribute("aria-label") !== label) navs[i].setAttribute("aria-label", label);
    }
  }

  function fixAll() { nameSearch(); hideProgress(); nameCodeTools(); }

  function addsWatched(change) {
    for (var i = 0; i < change.addedNodes.length; i += 1) {
      var node = change.addedNodes[i];
      if (node.nodeType === 1 && (node.matches(WATCHED) || node.querySelector(WATCHED))) return true;
    }
    return false;
  }
  new MutationObserver(function (changes) {
    if (changes.some(addsWatched)) fixAll();
  }).observe(document.body, { childList: true, subtree: true });
  fixAll();
})();
