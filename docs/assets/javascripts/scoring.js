/* The weighted scorer's rule, with no DOM: the browser copy of fwguide/scoring.py.
 * score = sum(weight x rating) / sum(weight x maxRating); scores compared exactly by
 * cross-multiplication; equal scores share a rank and keep the data file's order;
 * percentages in tenths, rounded half up in integers. tests/test_scoring_js.py runs this
 * file (in Node, without a browser or a site build) against the Python rule. */
(function (root) {
  "use strict";

  function compare(a, b) {
    var left = a.points * b.possible, right = b.points * a.possible;
    return left > right ? -1 : left < right ? 1 : 0;
  }

  function tenths(points, possible) {
    return possible ? Math.floor((2000 * points + possible) / (2 * possible)) : 0;
  }

  function contributions(data, fw, weights) {
    return data.considerations.map(function (c) {
      var w = weights[c.id], r = fw.ratings[c.id];
      return { id: c.id, name: c.name, weight: w, rating: r, points: w * r, possible: w * data.maxRating };
    });
  }

  function total(parts, key) {
    return parts.reduce(function (sum, p) { return sum + p[key]; }, 0);
  }

  /* data: {maxRating, considerations: [{id, name}], frameworks: [{id, name, ratings}]};
   * weights: {considerationId: 0..3}. Returns rows, best first, each with its rank. */
  function rank(data, weights) {
    var rows = data.frameworks.map(function (fw, order) {
      var parts = contributions(data, fw, weights);
      return { id: fw.id, name: fw.name, order: order, parts: parts,
               points: total(parts, "points"), possible: total(parts, "possible") };
    });
    rows.sort(function (a, b) { return compare(a, b) || a.order - b.order; });
    rows.forEach(function (row, i) {
      row.tenths = tenths(row.points, row.possible);
      row.percent = Math.floor(row.tenths / 10) + "." + (row.tenths % 10);
      row.rank = i && compare(rows[i - 1], row) === 0 ? rows[i - 1].rank : i + 1;
    });
    return rows;
  }

  var api = { compare: compare, tenths: tenths, rank: rank };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.fwgScoring = api;
})(this);
