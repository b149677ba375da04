/* The decision page's step-by-step guide and weighted scorer.
 * Reads the JSON that fwguide/render/interactive.py puts in each shell; the attribute names it
 * looks for come in that JSON (data.hooks), so they are defined once, in Python. Inserts data
 * only as text. The ranking rule is scoring.js (window.fwgScoring), loaded just before this file.
 * State: ?guide=2.1 holds the 1-based answer chosen at each question, &change=2 reopens question
 * 2 from the result (the query, not the fragment, so Material's anchors and table of contents are
 * untouched); each step is a history entry. The result copies its sections from the page's own
 * "every recommendation in full" section, so the two cannot drift. Runs again on every page change
 * through fwgPage.on (lazy-assets.js). */
(function () {
  "use strict";
  var stop = null;   // AbortController of the current page's listeners
  var popped = null; // address of the last history step (Material may then reload the same page)
  var lastPage = null;
  var scorerApi = null;

  /* ------------------------------------------------------------ helpers */

  function readJson(root) { // in a <template>, so that instant navigation leaves it alone
    var t = root.querySelector("template[data-fwg-json]");
    var el = t && t.content.querySelector("script");
    try { return el ? JSON.parse(el.textContent) : null; } catch (e) { console.error(e); return null; }
  }

  function make(tag, attrs, text) {
    var el = document.createElement(tag);
    (attrs || []).forEach(function (pair) { el.setAttribute(pair[0], pair[1]); });
    if (text != null) el.textContent = text;
    return el;
  }

  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }

  function list(tag, items) { // items: strings (become <li>) or elements
    var el = make(tag);
    items.forEach(function (item) { el.appendChild(typeof item === "string" ? make("li", null, item) : item); });
    return el;
  }

  function hook(root, name) { return root.querySelector("[" + name + "]"); }

  function mark(fw) { // the framework's symbol (decorative) and name: never colour alone
    var span = make("span");
    add(span, make("span", [["class", "fwg-mark"], ["aria-hidden", "true"]], fw.symbol), document.createTextNode(" " + fw.name));
    return span;
  }

  /* ---------------------------------------------------- tree walk (pure) */

  // Follow answer indexes from the start; stop at the first that does not fit the tree.
  function walk(data, indexes) {
    var id = data.start, trail = [];
    for (var i = 0; i < indexes.length; i++) {
      var node = data.nodes[id];
      if (!node.answers || !node.answers[indexes[i]]) break;
      trail.push({ id: id, node: node, answer: node.answers[indexes[i]], index: indexes[i] });
      id = node.answers[indexes[i]].next;
    }
    return { trail: trail, id: id, node: data.nodes[id] };
  }

  // After an answer changes: keep following the answers given before, by question, as long as the
  // path meets questions already answered; stop at the first new question or at a result.
  function carryOn(data, indexes, remembered) {
    var path = indexes.slice(), seen = {};
    for (;;) {
      var state = walk(data, path);
      if (state.node.recommend || !(state.id in remembered) || seen[state.id]) return path;
      seen[state.id] = true;
      path.push(remembered[state.id]);
    }
  }

  function pathText(path, upTo) { return path.slice(0, upTo).map(function (i) { return i + 1; }).join("."); }

  /* ------------------------------------------------------------ URL state */

  function readState(data) {
    var query = new URLSearchParams(location.search);
    var path = (query.get(data.param) || "").split(".").filter(Boolean).map(function (n) { return parseInt(n, 10) - 1; });
    var change = parseInt(query.get(data.changeParam) || "", 10);
    return { path: path, change: change > 0 ? change : null };
  }

  function stateUrl(data, path, change) {
    var url = new URL(location.href);
    if (path.length) url.searchParams.set(data.param, pathText(path)); else url.searchParams.delete(data.param);
    if (change) url.searchParams.set(data.changeParam, String(change)); else url.searchParams.delete(data.changeParam);
    return url;
  }

  function writeState(data, path, change, push) {
    var url = stateUrl(data, path, change);
    if (url.href === location.href) return;
    if (push) history.pushState(null, "", url.href); else history.replaceState(history.state, "", url.href);
  }

  /* ---------------------------------------------------------------- views */

  function heading(data, text, fw) {
    var h = make("h3", [["tabindex", "-1"], ["id", "fwg-guide-heading"], [data.hooks.heading, ""]], text);
    if (fw) h.appendChild(mark(fw));
    return h;
  }

  function questionView(data, node, number, current) {
    var title = "Question " + number + ": " + node.question;
    var box = make("div", [["role", "group"], ["aria-labelledby", "fwg-guide-heading"], ["class", "fwg-guide-answers"]]);
    node.answers.forEach(function (a, i) {
      var button = make("button", [["type", "button"], ["class", "md-button"], [data.hooks.answer, String(i)]], a.label);
      if (i === current) {
        button.setAttribute("aria-pressed", "true");
        button.appendChild(make("span", [["class", "fwg-current"]], " (your answer)"));
      }
      box.appendChild(button);
    });
    var parts = [heading(data, title)];
    if (node.help) parts.push(make("p", [["class", "fwg-desc"]], node.help));
    if (current != null) {
      parts.push(make("p", [["class", "fwg-desc"]], "Your later answers are kept where they still apply."));
    }
    parts.push(box);
    return { parts: parts, say: title };
  }

  function answerSummary(data, trail, path) {
    var dl = make("dl", [["class", "fwg-answer-summary"], [data.hooks.answerSummary, ""]]);
    trail.forEach(function (step, k) {
      var href = stateUrl(data, path, k + 1);
      href.hash = "answer-step-by-step";
      var change = make("a", [["href", href.pathname + href.search + href.hash], [data.hooks.change, String(k + 1)]], "Change");
      change.appendChild(make("span", [["class", "fwg-visually-hidden"]], " your answer to: " + step.node.question));
      add(dl, make("dt", null, "Question " + (k + 1) + ": " + step.node.question),
        add(make("dd"), document.createTextNode(step.answer.label + " "), change));
    });
    return dl;
  }

  function copiedSections(data, node) {
    var source = document.getElementById(node.anchor);
    var sections = source && hook(source, data.hooks.sections);
    if (!sections) return null;
    var copy = sections.cloneNode(true);
    [copy].concat([].slice.call(copy.querySelectorAll("[id]"))).forEach(function (el) { el.removeAttribute("id"); });
    return copy;
  }

  function agreement(data, node, trail) {
    var answers = trail.map(function (s) { return s.answer; });
    var s = data.scorer;
    var rows = window.fwgScoring.rank(s, window.fwgScoring.pathWeights(s, answers), window.fwgScoring.pathTeam(answers));
    var first = rows.filter(function (r) { return r.rank === 1; });
    var mine = rows.filter(function (r) { return r.id === node.recommend; })[0];
    var fw = data.frameworks[node.recommend];
    var text;
    if (first.some(function (r) { return r.id === node.recommend; })) {
      var others = first.filter(function (r) { return r.id !== node.recommend; }).map(function (r) { return r.name; });
      text = "With the weights your answers set, the weighted scorer also ranks " + fw.name + " first (" +
        mine.percent + "%)" + (others.length ? ", tied with " + others.join(" and ") : "") + ".";
    } else {
      var top = first[0];
      text = "With the weights your answers set, the weighted scorer ranks " + top.name + " first (" + top.percent +
        "%, " + fw.name + " " + mine.percent + "%). Why this guide still recommends " + fw.name + ": " +
        (node.scorerNote[top.id] || "the questions above decide on what your answers need, which the scorer only weighs.");
    }
    return { text: text, weights: window.fwgScoring.pathWeights(s, answers), team: window.fwgScoring.pathTeam(answers) };
  }

  function resultView(data, state, path) {
    var node = state.node, fw = data.frameworks[node.recommend];
    var box = make("div", [["class", "fwg-guide-result"], [data.hooks.recommendation, node.recommend]]);
    var reasons = state.trail.filter(function (s) { return s.answer.because; })
      .map(function (s) { return s.answer.because; });
    add(box, heading(data, "Recommendation: ", fw),
      make("p", [["class", "fwg-result-title"]], node.title),
      make("p", null, node.reason),
      make("h4", null, "Why, from your answers"), list("ul", reasons),
      make("h4", null, "Your answers"), answerSummary(data, state.trail, path),
      copiedSections(data, node));
    var said = agreement(data, node, state.trail);
    var use = make("button", [["type", "button"], ["class", "md-button"], [data.hooks.useWeights, ""]],
      "Show these weights in the scorer");
    use.addEventListener("click", function () { if (scorerApi) scorerApi.set(said.weights, said.team); });
    add(box, make("h4", null, "What the weighted scorer says"),
      make("p", [[data.hooks.agreement, ""]], said.text), use,
      add(make("p", [["class", "fwg-desc"]],
        "The page address now records these answers: bookmark or share it to return to this result. "),
        make("a", [["href", "#" + node.anchor]], "This recommendation in full, with every path to it")));
    return { parts: [box], say: "Recommendation: " + fw.name + ". " + node.title };
  }

  /* ------------------------------------------------------------ flowchart */

  function highlight(data, path, done) {
    var chart = document.querySelector("[" + data.hooks.flowchart + "]");
    if (!chart) return;
    var current = pathText(path);
    chart.querySelectorAll("[" + data.hooks.flowPath + "]").forEach(function (el) {
      var p = el.getAttribute(data.hooks.flowPath);
      var on = path.length > 0 && (p === "" || p === current || current.indexOf(p + ".") === 0);
      el.classList.toggle("is-on-path", on);
      el.classList.toggle("is-result", done && p === current);
    });
  }

  /* -------------------------------------------------------------- stepper */

  function stepper(root, data, signal, refocus) {
    var h = data.hooks;
    var step = hook(root, h.step), status = hook(root, h.status);
    var back = hook(root, h.back), restart = hook(root, h.restart);
    var path = [], change = null;
    var memory = null; // after a Change: the answers given before, by question, kept where they still apply

    function show(focus) {
      var state = walk(data, path);
      if (state.trail.length !== path.length) { path = path.slice(0, state.trail.length); change = null; writeState(data, path, change, false); }
      if (change && change > path.length) { change = null; writeState(data, path, change, false); }
      var view;
      if (change) {
        var at = walk(data, path.slice(0, change - 1));
        view = questionView(data, at.node, change, path[change - 1]);
      } else {
        view = state.node.recommend ? resultView(data, state, path) : questionView(data, state.node, path.length + 1, null);
      }
      step.replaceChildren.apply(step, view.parts);
      back.disabled = restart.disabled = path.length === 0 && !change;
      highlight(data, change ? path.slice(0, change - 1) : path, !change && !!state.node.recommend);
      if (!focus) return; // first display: nothing changed yet, nothing to announce
      status.textContent = view.say;
      hook(step, h.heading).focus();
    }

    function go(nextPath, nextChange) {
      path = nextPath; change = nextChange;
      if (!change && walk(data, path).node.recommend) memory = null; // a result: the change is complete
      writeState(data, path, change, true);
      show(true);
    }

    function choose(i) {
      if (change) {
        memory = {};
        walk(data, path).trail.forEach(function (s) { memory[s.id] = s.index; });
        go(carryOn(data, path.slice(0, change - 1).concat([i]), memory), null);
      } else {
        go(memory ? carryOn(data, path.concat([i]), memory) : path.concat([i]), null);
      }
    }

    step.addEventListener("click", function (ev) {
      var button = ev.target.closest("[" + h.answer + "]");
      if (button) { choose(parseInt(button.getAttribute(h.answer), 10)); return; }
      var link = ev.target.closest("[" + h.change + "]");
      if (link) { ev.preventDefault(); go(path, parseInt(link.getAttribute(h.change), 10)); }
    }, { signal: signal });
    back.addEventListener("click", function () {
      if (change) { go(path, null); return; }
      memory = null;
      go(path.slice(0, -1), null);
    }, { signal: signal });
    restart.addEventListener("click", function () { memory = null; go([], null); }, { signal: signal });
    window.addEventListener("popstate", function () { // ignore Material's anchor (hash) entries
      popped = location.href;
      var next = readState(data);
      if (next.path.join(".") !== path.join(".") || next.change !== change) { path = next.path; change = next.change; show(true); }
    }, { signal: signal });

    var initial = readState(data);
    path = initial.path; change = initial.change;
    show(refocus);
    // The build-time preview of the first question held this place: swap it for the live guide in
    // the same task, so the page is laid out once with the guide and nothing below it moves.
    var preview = document.querySelector("[" + h.preview + "]");
    if (preview) preview.remove();
    root.hidden = false;
  }

  /* --------------------------------------------------------------- scorer */

  function partText(data, p) {
    if (!p.weight) return p.name + ": ignored";
    return p.name + ": weight " + data.weightLabels[p.weight] + " (" + p.weight + ") \u00d7 rating " +
      p.rating + " (" + data.ratingLabels[p.rating] + ") = " + p.points + " of " + p.possible;
  }

  function leaderText(data, rows) {
    var first = rows.filter(function (r) { return r.rank === 1; }).map(function (r) { return r.name; });
    if (rows.length === 1) return first[0] + " is the only framework compared.";
    if (first.length > 1) return first.join(" and ") + " share first place.";
    var names = {};
    data.considerations.forEach(function (c) { names[c.id] = c.name; });
    var why = window.fwgScoring.leads(rows, 2).map(function (id) { return names[id]; });
    return first[0] + " ranks first mainly because it rates higher than " + rows[1].name + " on " + why.join(" and ") + ".";
  }

  function rankingItem(data, row) {
    var h = data.hooks;
    var li = make("li", [["value", String(row.rank)], [h.framework, row.id], [h.rank, String(row.rank)], [h.score, String(row.percent)]]);
    add(li, make("strong", null, row.name + ": " + row.percent + "%"),
      document.createTextNode(" (" + row.points + " of " + row.possible + " points)"),
      list("ul", row.parts.map(function (p) { return partText(data, p); })));
    return li;
  }

  function scorer(root, data, signal) {
    var h = data.hooks;
    var form = hook(root, h.form), out = hook(root, h.ranking), status = hook(root, h.scorerStatus);
    var leader = hook(root, h.leader), summary = hook(root, h.summary), team = hook(root, h.team);

    function read() {
      var weights = {};
      form.querySelectorAll("select[" + h.weight + "]").forEach(function (s) {
        weights[s.getAttribute(h.weight)] = parseInt(s.value, 10);
      });
      return { weights: weights, team: team && team.value ? team.value : null };
    }

    function update(announce) {
      var now = read();
      var rows = window.fwgScoring.rank(data, now.weights, now.team);
      out.replaceChildren.apply(out, rows.map(function (row) { return rankingItem(data, row); }));
      leader.textContent = leaderText(data, rows);
      var line = rows.map(function (r) { return r.rank + ". " + r.name + " " + r.percent + "%"; }).join(", ");
      // "Ranking: " gives way on a phone, so the line itself fits (decision-guide.css)
      summary.replaceChildren(make("span", [["class", "fwg-scorer-summary__label"]], "Ranking: "),
        document.createTextNode(line));
      if (announce) status.textContent = "Ranking updated: " + line;
    }

    form.addEventListener("change", function () { update(true); }, { signal: signal });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); }, { signal: signal });
    form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); }, { signal: signal });
    update(false);
    var table = document.querySelector("[" + h.static + "]");
    if (table) table.hidden = true; // the live list starts from the same equal weights
    root.hidden = false;
    return {
      set: function (weights, teamId) {
        form.querySelectorAll("select[" + h.weight + "]").forEach(function (s) {
          s.value = String(weights[s.getAttribute(h.weight)]);
        });
        if (team) team.value = teamId || "";
        update(true);
        var heading = document.getElementById("your-ranking");
        if (heading) heading.scrollIntoView({ block: "start" });
      }
    };
  }

  /* ---------------------------------------------------------------- setup */

  function init() {
    if (stop) stop.abort();
    stop = new AbortController();
    scorerApi = null;
    // Material reloads the page's content on some back/forward steps; keep focus on the guide then.
    var refocus = popped === location.href && lastPage === location.pathname;
    popped = null;
    lastPage = location.pathname;
    var s = document.querySelector("[data-scorer]");
    var sData = s && readJson(s);
    if (sData) scorerApi = scorer(s, sData, stop.signal);
    var g = document.querySelector("[data-decision-guide]");
    var gData = g && readJson(g);
    if (gData) stepper(g, gData, stop.signal, refocus);
  }

  window.fwgPage.on(init);
})();
