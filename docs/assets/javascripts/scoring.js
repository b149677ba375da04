/* The weighted scorer's rule, with no DOM: the browser copy of fwguide/scoring.py.
 * rating: the framework's own, or for a consideration rated from the reader's answers (team
 * experience) `known` for the team's framework, `other` for the rest, `unknown` when not said;
 * score = sum(weight x rating) / sum(weight x maxRating), a whole percentage rounded half up;
 * scores compared exactly by cross-multiplication; equal scores share a rank and keep the data
 * file's order. tests/test_scoring_js.py runs this file (in Node, without a browser or a site
 * build) against the Python rule. */
(function (root) {
  "use strict";

  function compare(a, b) {
    var left = a.points * b.possible, right = b.points * a.possible;
    return left > right ? -1 : left < right ? 1 : 0;
  }

  function percent(points, possible) {
    return possible ? Math.floor((200 * points + possible) / (2 * possible)) : 0;
  }

  function rating(fw, c, team) {
    var rule = c.fromAnswers;
    if (!rule) return fw.ratings[c.id];
    if (!team) return rule.unknown;
    return fw.id === team ? rule.known : rule.other;
  }

  function contributions(data, fw, weights, team) {
    return data.considerations.map(function (c) {
      var w = weights[c.id], r = rating(fw, c, team);
      return { id: c.id, name: c.name, weight: w, rating: r, points: w * r, possible: w * data.maxRating };
    });
  }

  function total(parts, key) {
    return parts.reduce(function (sum, p) { return sum + p[key]; }, 0);
  }

  /* data: {maxRating, considerations: [{id, name, fromAnswers}], frameworks: [{id, name, ratings}]};
   * weights: {considerationId: 0..3}; team: a framework id or null.
   * Returns rows, best first, each with its rank. */
  function rank(data, weights, team) {
    var rows = data.frameworks.map(function (fw, order) {
      var parts = contributions(data, fw, weights, team || null);
      return { id: fw.id, name: fw.name, order: order, parts: parts,
               points: total(parts, "points"), possible: total(parts, "possible") };
    });
    rows.sort(function (a, b) { return compare(a, b) || a.order - b.order; });
    rows.forEach(function (row, i) {
      row.percent = percent(row.points, row.possible);
      row.rank = i && compare(rows[i - 1], row) === 0 ? rows[i - 1].rank : i + 1;
    });
    return rows;
  }

  /* Why the first ranks first: the considerations (at most `limit`) that add most to its lead over
   * the second, largest first; none when the first two share rank 1. */
  function leads(rows, limit) {
    if (rows.length < 2 || rows[0].rank === rows[1].rank) return [];
    var gains = rows[0].parts.map(function (a, i) {
      return { gain: a.points - rows[1].parts[i].points, index: i, id: a.id };
    }).filter(function (g) { return g.gain > 0; });
    gains.sort(function (a, b) { return b.gain - a.gain || a.index - b.index; });
    return gains.slice(0, limit || 2).map(function (g) { return g.id; });
  }

  /* The weights and team a path through the tree sets: medium, then each answer's overrides. */
  function pathWeights(data, answers) {
    var weights = {};
    data.considerations.forEach(function (c) { weights[c.id] = data.equalWeight; });
    answers.forEach(function (a) {
      Object.keys(a.weights || {}).forEach(function (k) { weights[k] = a.weights[k]; });
    });
    return weights;
  }

  function pathTeam(answers) {
    var team = null;
    answers.forEach(function (a) { if (a.team) team = a.team; });
    return team;
  }

  var api = { compare: compare, percent: percent, rank: rank, leads: leads,
              pathWeights: pathWeights, pathTeam: pathTeam };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.fwgScoring = api;
})(this);
