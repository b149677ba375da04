/* The decision page's step-by-step guide and weighted scorer.
 * Reads the JSON that fwguide/render/interactive.py puts in each shell; the attribute names it
 * looks for come in that JSON (data.hooks), so they are defined once, in Python. Inserts data
 * only as text. The ranking rule is scoring.js (window.fwgScoring), loaded just before this file.
 * State: ?guide=2.1 holds the 1-based answer chosen at each question (the query, not the
 * fragment, so Material's anchors and table of contents are untouched); each answer is a
 * history entry. Runs again on every page change through fwgPage.on (lazy-assets.js). */
(function () {
  "use strict";
  var stop = null;   // AbortController of the current page's listeners
  var popped = null; // address of the last history step (Material may then reload the same page)
  var lastPage = null;

  /* ------------------------------------------------------------ helpers */

  function readJson(root) { // in a <template>, so that instant navigation leaves it alone
    var t = root.querySelector("template[data-fwg-json]");
    var el = t && t.content.querySelector("script");
    try { return el ? JSON.parse(el.textContent) : null; } catch (e) { console.error(e); return null; }
  }

  function make(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text != null) el.textContent = text;
    return el;
  }

  function list(tag, items) { // items: strings (become <li>) or elements
    var el = make(tag);
    items.forEach(function (item) { el.appendChild(typeof item === "string" ? make("li", null, item) : item); });
    return el;
  }

  function hook(root, name) { return root.querySelector("[" + name + "]"); }

  function attrs(pairs) { // [[name, value], ...] -> {name: value}
    var out = {};
    pairs.forEach(function (p) { out[p[0]] = p[1]; });
    return out;
  }

  /* ---------------------------------------------------- tree walk (pure) */

  // Follow answer indexes from the start; stop at the first that does not fit the tree.
  function walk(data, indexes) {
    var id = data.start, trail = [];
    for (var i = 0; i < indexes.length; i++) {
      var node = data.nodes[id];
      if (!node.answers || !node.answers[indexes[i]]) break;
      trail.push({ node: node, answer: node.answers[indexes[i]], index: indexes[i] });
      id = node.answers[indexes[i]].next;
    }
    return { trail: trail, node: data.nodes[id] };
  }

  /* ------------------------------------------------------------ URL state */

  function readPath(param) {
    var value = new URLSearchParams(location.search).get(param) || "";
    return value.split(".").filter(Boolean).map(function (n) { return parseInt(n, 10) - 1; });
  }

  function writePath(param, path, push) {
    var url = new URL(location.href);
    if (path.length) url.searchParams.set(param, path.map(function (i) { return i + 1; }).join("."));
    else url.searchParams.delete(param);
    if (url.href === location.href) return;
    if (push) history.pushState(null, "", url.href); else history.replaceState(history.state, "", url.href);
  }

  /* ---------------------------------------------------------------- views */

  function heading(data, tag, text) {
    return make(tag, attrs([["tabindex", "-1"], ["id", "fwg-guide-heading"], [data.hooks.heading, ""]]), text);
  }

  function questionView(data, node, number) {
    var title = "Question " + number + ": " + node.question;
    var box = make("div", { role: "group", "aria-labelledby": "fwg-guide-heading", class: "fwg-guide-answers" });
    node.answers.forEach(function (a, i) {
      box.appendChild(make("button", attrs([["type", "button"], ["class", "md-button"], [data.hooks.answer, String(i)]]),
        a.label));
    });
    var parts = [heading(data, "h3", title)];
    if (node.help) parts.push(make("p", { class: "fwg-desc" }, node.help));
    parts.push(box);
    return { parts: parts, say: title };
  }

  function linkList(links) {
    return list("ul", links.map(function (l) {
      var li = make("li");
      li.appendChild(make("a", { href: l.href }, l.text));
      return li;
    }));
  }

  function resultView(data, node, trail) {
    var fw = data.frameworks[node.recommend];
    var box = make("div", attrs([["class", "fwg-guide-result"], [data.hooks.recommendation, node.recommend]]));
    var reasons = trail.filter(function (s) { return s.answer.because; })
      .map(function (s) { return s.answer.because; }).concat([node.reason]);
    box.appendChild(heading(data, "h3", "Recommendation: " + fw.name));
    box.appendChild(make("h4", null, "Why"));
    box.appendChild(list("ul", reasons));
    box.appendChild(make("h4", null, "Your answers"));
    box.appendChild(list("ol", trail.map(function (s) { return s.node.question + " \u2014 " + s.answer.label; })));
    box.appendChild(make("h4", null, "Read next"));
    box.appendChild(linkList([{ href: fw.href, text: "About " + fw.name }].concat(data.readNext)));
    box.appendChild(make("p", { class: "fwg-desc" },
      "The page address now records these answers: bookmark or share it to return to this result."));
    return { parts: [box], say: "Recommendation: " + fw.name + ". " + node.reason };
  }

  /* -------------------------------------------------------------- stepper */

  function stepper(root, data, signal, refocus) {
    var h = data.hooks;
    var step = hook(root, h.step), status = hook(root, h.status);
    var back = hook(root, h.back), restart = hook(root, h.restart);
    var path = [];

    function show(focus) {
      var state = walk(data, path);
      if (state.trail.length !== path.length) { path = path.slice(0, state.trail.length); writePath(data.param, path, false); }
      var view = state.node.recommend ? resultView(data, state.node, state.trail)
        : questionView(data, state.node, path.length + 1);
      step.replaceChildren.apply(step, view.parts);
      back.disabled = restart.disabled = path.length === 0;
      if (!focus) return; // first display: nothing changed yet, nothing to announce
      status.textContent = view.say;
      hook(step, h.heading).focus();
    }

    function go(next) { path = next; writePath(data.param, path, true); show(true); }

    step.addEventListener("click", function (ev) {
      var button = ev.target.closest("[" + h.answer + "]");
      if (button) go(path.concat([parseInt(button.getAttribute(h.answer), 10)]));
    }, { signal: signal });
    back.addEventListener("click", function () { go(path.slice(0, -1)); }, { signal: signal });
    restart.addEventListener("click", function () { go([]); }, { signal: signal });
    window.addEventListener("popstate", function () { // ignore Material's anchor (hash) entries
      popped = location.href;
      var next = readPath(data.param);
      if (next.join(".") !== path.join(".")) { path = next; show(true); }
    }, { signal: signal });

    path = readPath(data.param);
    show(refocus);
    root.hidden = false;
  }

  /* --------------------------------------------------------------- scorer */

  function partText(data, p) {
    if (!p.weight) return p.name + ": ignored";
    return p.name + ": weight " + data.weightLabels[p.weight] + " (" + p.weight + ") \u00d7 rating " +
      p.rating + " (" + data.ratingLabels[p.rating] + ") = " + p.points + " of " + p.possible;
  }

  function readWeights(form, h) {
    var weights = {};
    form.querySelectorAll("select[" + h.weight + "]").forEach(function (s) {
      weights[s.getAttribute(h.weight)] = parseInt(s.value, 10);
    });
    return weights;
  }

  function rankingItem(data, row, tied) {
    var h = data.hooks;
    var li = make("li", attrs([[h.framework, row.id], [h.rank, String(row.rank)], [h.score, row.percent]]));
    li.appendChild(make("strong", null, "Rank " + row.rank + (tied ? " (tied)" : "") + ": " + row.name +
      ", " + row.percent + "% (" + row.points + " of " + row.possible + " points)"));
    li.appendChild(list("ul", row.parts.map(function (p) { return partText(data, p); })));
    return li;
  }

  function scorer(root, data, signal) {
    var h = data.hooks;
    var form = hook(root, h.form), out = hook(root, h.ranking), status = hook(root, h.scorerStatus);

    function update() {
      var rows = window.fwgScoring.rank(data, readWeights(form, h));
      out.replaceChildren.apply(out, rows.map(function (row) {
        var tied = rows.filter(function (o) { return o.rank === row.rank; }).length > 1;
        return rankingItem(data, row, tied);
      }));
      status.textContent = "Ranking updated: " + rows.map(function (r) {
        return r.rank + ". " + r.name + " " + r.percent + "%";
      }).join(", ");
    }

    form.addEventListener("change", update, { signal: signal });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); }, { signal: signal });
    form.addEventListener("reset", function () { setTimeout(update, 0); }, { signal: signal });
    update();
    status.textContent = "";
    var table = document.querySelector("[" + h.static + "]");
    if (table) table.hidden = true; // the live list starts from the same equal weights
    root.hidden = false;
  }

  /* ---------------------------------------------------------------- setup */

  function init() {
    if (stop) stop.abort();
    stop = new AbortController();
    // Material reloads the page's content on some back/forward steps; keep focus on the guide then.
    var refocus = popped === location.href && lastPage === location.pathname;
    popped = null;
    lastPage = location.pathname;
    var g = document.querySelector("[data-decision-guide]");
    var gData = g && readJson(g);
    if (gData) stepper(g, gData, stop.signal, refocus);
    var s = document.querySelector("[data-scorer]");
    var sData = s && readJson(s);
    if (sData) scorer(s, sData, stop.signal);
  }

  window.fwgPage.on(init);
})();
