/* Accessibility touch-ups for markup that Material's JavaScript creates at run time, where a
 * template override cannot reach it. Each code block's tool bar (the copy button) is an unnamed
 * <nav>; two code blocks on one page make indistinguishable landmarks (axe-core rule
 * landmark-unique). Name each after its position, also after instant navigation. */
(function () {
  "use strict";
  function nameCodeTools() {
    var navs = document.querySelectorAll(".md-code__nav");
    for (var i = 0; i < navs.length; i += 1) {
      var label = "Code block " + (i + 1) + " tools";
      if (navs[i].getAttribute("aria-label") !== label) navs[i].setAttribute("aria-label", label);
    }
  }
  function addsCodeTools(change) {
    for (var i = 0; i < change.addedNodes.length; i += 1) {
      var node = change.addedNodes[i];
      if (node.nodeType === 1 && (node.matches(".md-code__nav") || node.querySelector(".md-code__nav"))) return true;
    }
    return false;
  }
  new MutationObserver(function (changes) {
    if (changes.some(addsCodeTools)) nameCodeTools();
  }).observe(document.body, { childList: true, subtree: true });
  nameCodeTools();
})();
