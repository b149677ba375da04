/* Step-by-step decision guide and weighted scorer for the decision page.
 * Reads the JSON that fwguide/render_interactive.py embeds; inserts data only as
 * text. Does nothing on pages without [data-decision-guide] / [data-scorer].
 * State: ?guide=2.1 holds the 1-based answer chosen at each question (the query,
 * not the fragment, so Material's anchors and table of contents are untouched);
 * each answer is a history entry. Re-initialised on every Material page load. */
(function () {
  "use strict";
  var stop = null; // AbortController of the current page's listeners
  var popped = null; // address of the last history step (Material may then reload the same page)
  var lastPage = null;

  // The JSON sits in a <template> so that Material's instant navigation leaves it alone.
  function readJson(root, id) {
    var t = root.querySelector("template[data-fwg-json]");
    var el = t && t.content.getElementById(id);
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

  /* ------------------------------------------------------------ guide */

  function guide(root, data, signal, refocus) {
    var step = root.querySelector("[data-guide-step]");
    var status = root.querySelector("[data-guide-status]");
    var back = root.querySelector("[data-guide-back]");
    var restart = root.querySelector("[data-guide-restart]");
    var path = [];

    // Follow answer indexes from the start; drop any that do not fit the tree.
    function walk(indexes) {
      var id = data.start, trail = [];
      for (var i = 0; i < indexes.length; i++) {
        var node = data.nodes[id];
        if (!node.answers || !node.answers[indexes[i]]) break;
        trail.push({ node: node, answer: node.answers[indexes[i]], index: indexes[i] });
        id = node.answers[indexes[i]].next;
      }
      return { trail: trail, node: data.nodes[id] };
    }

    function fromUrl() {
      var value = new URLSearchParams(location.search).get(data.param) || "";
      return value.split(".").filter(Boolean).map(function (n) { return parseInt(n, 10) - 1; });
    }

    function toUrl(push) {
      var url = new URL(location.href);
      if (path.length) url.searchParams.set(data.param, path.map(function (i) { return i + 1; }).join("."));
      else url.searchParams.delete(data.param);
      if (url.href === location.href) return;
      if (push) history.pushState(null, "", url.href); else history.replaceState(history.state, "", url.href);
    }

    function question(node, number) {
      var h = make("h3", { tabindex: "-1", id: "fwg-guide-heading", "data-guide-heading": "" },
        "Question " + number + ": " + node.question);
      var box = make("div", { role: "group", "aria-labelledby": "fwg-guide-heading", class: "fwg-guide-answers" });
      node.answers.forEach(function (a, i) {
        box.appendChild(make("button", { type: "button", class: "md-button", "data-answer": String(i) }, a.label));
      });
      var parts = [h];
      if (node.help) parts.push(make("p", { class: "fwg-desc" }, node.help));
      parts.push(box);
      return { parts: parts, say: "Question " + number + ": " + node.question };
    }

    function result(node, trail) {
      var fw = data.frameworks[node.recommend];
      var box = make("div", { class: "fwg-guide-result", "data-recommendation": node.recommend });
      box.appendChild(make("h3", { tabindex: "-1", id: "fwg-guide-heading", "data-guide-heading": "" },
        "Recommendation: " + fw.name));
      var reasons = trail.filter(function (s) { return s.answer.because; })
        .map(function (s) { return s.answer.because; }).concat([node.reason]);
      box.appendChild(make("h4", null, "Why"));
      box.appendChild(list("ul", reasons));
      box.appendChild(make("h4", null, "Your answers"));
      box.appendChild(list("ol", trail.map(function (s) { return s.node.question + " \u2014 " + s.answer.label; })));
      box.appendChild(make("h4", null, "Read next"));
      var links = [{ href: fw.href, text: "About " + fw.name }].concat(data.readNext);
      box.appendChild(list("ul", links.map(function (l) {
        var li = make("li");
        li.appendChild(make("a", { href: l.href }, l.text));
        return li;
      })));
      box.appendChild(make("p", { class: "fwg-desc" },
        "The page address now records these answers: bookmark or share it to return to this result."));
      return { parts: [box], say: "Recommendation: " + fw.name + ". " + node.reason };
    }

    function show(focus) {
      var state = walk(path);
      if (state.trail.length !== path.length) { path = path.slice(0, state.trail.length); toUrl(false); }
      var view = state.node.recommend ? result(state.node, state.trail) : question(state.node, path.length + 1);
      step.replaceChildren.apply(step, view.parts);
      back.disabled = restart.disabled = path.length === 0;
      if (!focus) return; // first display: nothing changed yet, nothing to announce
      status.textContent = view.say;
      step.querySelector("[data-guide-heading]").focus();
    }

    function go(next) { path = next; toUrl(true); show(true); }

    step.addEventListener("click", function (ev) {
      var button = ev.target.closest("[data-answer]");
      if (button) go(path.concat([parseInt(button.getAttribute("data-answer"), 10)]));
    }, { signal: signal });
    back.addEventListener("click", function () { go(path.slice(0, -1)); }, { signal: signal });
    restart.addEventListener("click", function () { go([]); }, { signal: signal });
    window.addEventListener("popstate", function () { // ignore Material's anchor (hash) entries
      popped = location.href;
      var next = fromUrl();
      if (next.join(".") !== path.join(".")) { path = next; show(true); }
    }, { signal: signal });

    path = fromUrl();
    show(refocus);
    root.hidden = false;
  }

  /* ----------------------------------------------------------- scorer */
  // Same rule as fwguide/scoring.py: score = sum(w*r) / sum(w*max), exact
  // comparison by cross-multiplication, ties share a rank in data order.

  function compare(a, b) {
    var left = a.points * b.possible, right = b.points * a.possible;
    return left > right ? -1 : left < right ? 1 : 0;
  }

  function tenths(points, possible) {
    return possible ? Math.floor((2000 * points + possible) / (2 * possible)) : 0;
  }

  function rank(data, weights) {
    var rows = data.frameworks.map(function (fw, order) {
      var parts = data.considerations.map(function (c) {
        var w = weights[c.id], r = fw.ratings[c.id];
        return { id: c.id, name: c.name, weight: w, rating: r, points: w * r, possible: w * data.maxRating };
      });
      var sum = function (k) { return parts.reduce(function (t, p) { return t + p[k]; }, 0); };
      return { id: fw.id, name: fw.name, order: order, parts: parts, points: sum("points"), possible: sum("possible") };
    });
    rows.sort(function (a, b) { return compare(a, b) || a.order - b.order; });
    rows.forEach(function (row, i) {
      row.tenths = tenths(row.points, row.possible);
      row.percent = Math.floor(row.tenths / 10) + "." + (row.tenths % 10);
      row.rank = i && compare(rows[i - 1], row) === 0 ? rows[i - 1].rank : i + 1;
    });
    return rows;
  }

  function partText(data, p) {
    if (!p.weight) return p.name + ": ignored";
    return p.name + ": weight " + data.weightLabels[p.weight] + " (" + p.weight + ") \u00d7 rating " +
      p.rating + " (" + data.ratingLabels[p.rating] + ") = " + p.points + " of " + p.possible;
  }

  function scorer(root, data, signal) {
    var form = root.querySelector("[data-scorer-form]");
    var out = root.querySelector("[data-scorer-ranking]");
    var status = root.querySelector("[data-scorer-status]");

    function update() {
      var weights = {};
      form.querySelectorAll("select[data-weight]").forEach(function (s) {
        weights[s.getAttribute("data-weight")] = parseInt(s.value, 10);
      });
      var rows = rank(data, weights);
      var tied = function (r) { return rows.filter(function (o) { return o.rank === r.rank; }).length > 1; };
      out.replaceChildren.apply(out, rows.map(function (row) {
        var li = make("li", { "data-framework": row.id, "data-rank": String(row.rank), "data-score": row.percent });
        li.appendChild(make("strong", null, "Rank " + row.rank + (tied(row) ? " (tied)" : "") + ": " + row.name +
          ", " + row.percent + "% (" + row.points + " of " + row.possible + " points)"));
        li.appendChild(list("ul", row.parts.map(function (p) { return partText(data, p); })));
        return li;
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
    var table = document.querySelector("[data-scorer-static]");
    if (table) table.hidden = true; // the live list starts from the same equal weights
    root.hidden = false;
  }

  /* ------------------------------------------------------------- setup */

  function init() {
    if (stop) stop.abort();
    stop = new AbortController();
    // Material reloads the page's content on some back/forward steps; keep focus on the guide then.
    var refocus = popped === location.href && lastPage === location.pathname;
    popped = null;
    lastPage = location.pathname;
    var g = document.querySelector("[data-decision-guide]");
    var gData = g && readJson(g, "fwg-guide-data");
    if (gData) guide(g, gData, stop.signal, refocus);
    var s = document.querySelector("[data-scorer]");
    var sData = s && readJson(s, "fwg-scorer-data");
    if (sData) scorer(s, sData, stop.signal);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
