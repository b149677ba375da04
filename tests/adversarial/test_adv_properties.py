"""Property-based tests (Hypothesis, derandomized so CI is deterministic).

* valid guides of random sizes, with any text (hostile Unicode included), always validate and
  every renderer turns them into safe HTML and grammatical Mermaid;
* a few of them (text over the real data's ids, plus extra frameworks) build strictly with one
  column per framework in every comparison table;
* any single mutation of valid data either stays valid or is reported on a line of the file;
* arbitrary bytes never make the reader or the validator raise.
"""
from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from adversarial import advhelpers as adv
from fwguide import model
from fwguide.escape import is_visible
from fwguide.render import decision
from fwguide.render import frameworks as framework_render
from fwguide.yamlstrict import read_yaml
from support import TODAY, fixture_text

FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BUILDS = settings(max_examples=3, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate],  # no shrinking: each example is a build
                  suppress_health_check=list(HealthCheck))

ANY_CHAR = st.characters(exclude_categories=("Cs", "Cc"))  # no surrogate, no C0 or C1 control
TEXT_CHAR = st.one_of(ANY_CHAR, st.sampled_from("\t\n\r"))
VISIBLE = st.characters(exclude_categories=("Cs",)).filter(is_visible)
HOSTILE_BITS = st.sampled_from([v for family in adv.HOSTILE.values() for v in (family["label"],)])


def _text(chars, limit):
    """Any characters around a visible one; trimmed, as the schema wants text (the visible one stays)."""
    plain = st.builds(lambda a, v, b: (a + v + b)[:limit].strip(), st.text(chars, max_size=12), VISIBLE,
                      st.text(chars, max_size=12))
    return st.one_of(plain, HOSTILE_BITS.map(lambda s: s[:limit]))


LABEL = _text(ANY_CHAR, 70)
TEXT = _text(TEXT_CHAR, 600)
ID = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}", fullmatch=True)
LEVELS = ["built-in", "official-extension", "third-party", "partial", "not-available"]
LEVEL_SYMBOLS = "✓⊕↗◐✗"   # never a framework symbol (SYMBOLS)
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY)
SYMBOLS = "◆■▲●★+*#&%@!?<>\"'"
BULLETS = st.lists(TEXT, min_size=1, max_size=3)


@st.composite
def frameworks(draw, fw_id, features, considerations, scale, symbol):
    host = f"https://{fw_id}.example.org"
    released, reviewed = sorted(draw(st.lists(DATES, min_size=2, max_size=2)))
    minors = sorted(draw(st.lists(st.integers(8, 14), min_size=1, max_size=4, unique=True)))
    sourced = st.lists(st.builds(lambda t, p: {"text": t, "source": f"{host}/{p}"}, TEXT,
                                 st.sampled_from(["", "docs/", "a/b.html"])), min_size=1, max_size=2)
    support = {}
    for feature in features:
        level = draw(st.sampled_from(LEVELS))
        cell = {"level": level, "note": draw(LABEL),
                "source": f"{host}/docs/" if level == "built-in" else "https://pkg.example.net/"}
        if level in ("official-extension", "third-party") or (level == "partial" and draw(st.booleans())):
            cell["package"] = draw(LABEL)
        support[feature] = cell
    latest = draw(st.from_regex(r"[0-9]{1,2}(\.[0-9]{1,2}){1,3}", fullmatch=True))
    python = [f"3.{m}" for m in minors]
    line = {"line": ".".join(latest.split(".")[:2]), "released": released.isoformat(), "latest": latest,
            "lts": False, "status": "supported", "python_versions": list(python), "source": f"{host}/docs/versions/"}
    if draw(st.booleans()):
        line["note"] = draw(TEXT)
    return {
        "id": fw_id, "name": draw(LABEL), "symbol": symbol,
        "role": draw(st.sampled_from(["primary", "reference"])),
        "summary": draw(TEXT), "verdict": draw(LABEL), "homepage": f"{host}/", "docs": f"{host}/docs/",
        "repository": f"https://github.com/example/{fw_id}", "package": f"https://pypi.org/project/{fw_id}/",
        "licence": draw(st.sampled_from(["MIT", "BSD-3-Clause", "Apache-2.0"])), "licence_source": f"{host}/licence",
        "latest_version": latest,
        "released": released.isoformat(), "python_versions": python,
        "version_source": f"{host}/docs/releases/", "reviewed": reviewed.isoformat(),
        "release_policy": {"lts": False, "text": draw(TEXT), "sources": [f"{host}/docs/versions/"]},
        "release_lines": [line],
        "key_features": draw(sourced), "ideal_uses": draw(sourced), "support": support,
        "considerations": {c: {"rating": draw(st.integers(1, scale)), "reason": draw(TEXT),
                               "source": f"{host}/docs/"} for c in considerations},
    }


@st.composite
def decision_trees(draw, framework_ids):
    """A random DAG: questions in order, each answer leads to a later node; every node reachable."""
    k = draw(st.integers(1, 4))
    m = draw(st.integers(1, min(4, 2 * k + 1)))
    ids = draw(st.lists(ID, min_size=k + m, max_size=k + m, unique=True))
    children: list[list[int]] = [[] for _ in range(k)]
    for j in range(1, k + m):
        free = [i for i in range(min(j, k)) if len(children[i]) < 3]
        children[draw(st.sampled_from(free))].append(j)
    for i in range(k):
        while len(children[i]) < 2 or (len(children[i]) < 3 and draw(st.booleans())):
            children[i].append(draw(st.integers(i + 1, k + m - 1)))
    nodes = []
    for i in range(k):
        answers = []
        for n, j in enumerate(children[i]):
            answer = {"label": f"{draw(LABEL)} {n}", "next": ids[j]}
            if draw(st.booleans()):
                answer["because"] = draw(TEXT)
            answers.append(answer)
        node = {"id": ids[i], "question": draw(TEXT), "answers": answers}
        if draw(st.booleans()):
            node["help"] = draw(TEXT)
        nodes.append(node)
    for j in range(k, k + m):
        recommend = draw(st.sampled_from(framework_ids))
        others = [f for f in framework_ids if f != recommend]
        nodes.append({"id": ids[j], "recommend": recommend, "title": draw(LABEL), "reason": draw(TEXT),
                      "architecture": draw(BULLETS), "add": draw(BULLETS), "reconsider": draw(BULLETS),
                      "why_not": {f: draw(TEXT) for f in others}, "read_next": ["comparison.md"],
                      "sources": [f"https://{recommend}.example.org/docs/"],
                      # a note for every other framework: whatever the scorer ranks first is explained
                      **({"scorer_note": {f: draw(TEXT) for f in others}} if others else {})})
    order = [nodes[0]] + draw(st.permutations(nodes[1:]))  # file order is free; the start is named
    return {"start": ids[0], "nodes": order}


@st.composite
def guides(draw, fixed_frameworks=()):
    n_fw = draw(st.integers(1, 3))
    fw_ids = list(fixed_frameworks) + [i for i in draw(st.lists(ID, min_size=n_fw, max_size=n_fw, unique=True))
                                       if i not in fixed_frameworks]
    categories = draw(st.lists(ID, min_size=1, max_size=3, unique=True))
    features = draw(st.lists(ID, min_size=len(categories), max_size=len(categories) + 3, unique=True))
    considerations = draw(st.lists(ID, min_size=1, max_size=3, unique=True))
    scale = draw(st.integers(2, 5))
    return {
        "schema_version": 1,
        "support_levels": [{"id": lv, "label": draw(LABEL), "symbol": LEVEL_SYMBOLS[LEVELS.index(lv)],
                            "description": draw(TEXT)} for lv in draw(st.permutations(LEVELS))],
        "rating_scale": [{"value": v, "label": draw(LABEL)} for v in draw(st.permutations(range(1, scale + 1)))],
        "considerations": [{"id": c, "name": draw(LABEL), "question": draw(TEXT), "ai": draw(st.booleans())}
                           for c in considerations],
        "categories": [{"id": c, "name": draw(LABEL)} for c in categories],
        "features": [{"id": f, "name": draw(LABEL), "description": draw(TEXT),
                      "category": categories[i] if i < len(categories) else draw(st.sampled_from(categories))}
                     for i, f in enumerate(features)],
        "frameworks": [draw(frameworks(f, features, considerations, scale, symbol))
                       for f, symbol in zip(fw_ids, draw(st.permutations(SYMBOLS)))],
        "decision": draw(decision_trees(fw_ids)),
    } | {"scenarios": []}


def refresh_scenarios(data: dict) -> dict:
    """Each scenario's scorer_first, recomputed (what a maintainer updates after adding a framework)."""
    from fwguide import scoring
    guide = model.build(data)
    for scenario in data["scenarios"]:
        steps, _node = guide.replay(scenario["answers"])
        scenario["scorer_first"] = scoring.first_place(
            scoring.rank(guide, scoring.path_weights(guide, steps), scoring.path_team(steps)))
    return data


def with_scenario(data: dict) -> dict:
    """The data plus one scenario: the tree's first path, with what it reaches and the scorer's first place."""
    from fwguide import scoring
    guide = model.build(data)
    steps = guide.paths()[0]
    first = scoring.first_place(scoring.rank(guide, scoring.path_weights(guide, steps), scoring.path_team(steps)))
    data["scenarios"] = [{"id": "first-path", "name": "The first path", "answers": [a.label for _n, a in steps],
                          "expect": steps[-1][1].next, "scorer_first": first, "note": "Generated."}]
    return data


def _check_tables(guide: model.Guide, outputs: dict[str, str]) -> None:
    width = len(guide.frameworks) + 1
    for name, out in outputs.items():
        if name.startswith(("feature_matrix", "category_table", "considerations_table")):
            for table in adv.scan(out).tables:
                assert table and set(table) == {width}, (name, table)
    overview = adv.scan(framework_render.render_framework_overview(guide)).tables[0]
    assert len(overview) == len(guide.frameworks) + 1


@FAST
@given(guides().map(with_scenario))
def test_generated_valid_guides_validate_and_render_safely(data):
    raw = adv.dump(data).encode("utf-8")
    parsed, problems = adv.strict_problems(raw)
    assert problems == [], problems
    guide = model.build(parsed)
    outputs = adv.render_all(guide)
    for name, out in outputs.items():
        page = adv.scan(out)
        assert adv.foreign_scripts(page) == [] and page.handlers == [] and page.js_urls == [], name
        assert all("\n\n" not in block for block in adv.html_blocks(name, out)), name
    flowchart = decision.render_flowchart(guide) + decision.render_results(guide)
    assert adv.flowchart_errors(adv.scan(flowchart), len(guide.paths())) == []
    _check_tables(guide, outputs)
    assert len(guide.paths()) >= 1


# ---------------------------------------------------------------- mutations of valid data

VALID = yaml.safe_load(fixture_text())


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


ALL_PATHS = [p for p in _paths(VALID) if p]
REPLACEMENTS = st.one_of(st.none(), st.booleans(), st.integers(-3, 10), st.text(max_size=8), LABEL,
                         st.just([]), st.just({}), st.just("https://x.example.org/"), st.just("alpha"),
                         st.just("q-size"), st.just("3.10"))


@st.composite
def mutations(draw):
    data = copy.deepcopy(VALID)
    path = draw(st.sampled_from(ALL_PATHS))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    action = draw(st.sampled_from(["delete", "replace", "duplicate", "rename"]))
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = draw(REPLACEMENTS)
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(ID)] = parent.pop(key)
    else:
        parent[key] = draw(REPLACEMENTS)
    return data


@FAST
@given(mutations())
def test_any_mutation_is_valid_or_reported_on_a_line_of_the_file(data):
    text = adv.dump(data)
    last = text.count("\n") + 1
    parsed, problems = adv.strict_problems(text)
    for p in problems:
        assert 1 <= p.line <= last and p.message.isprintable(), p
    if not problems:  # still valid: it must render
        adv.render_all(model.build(parsed))


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw):
    read_yaml(raw)
    adv.strict_problems(raw)


@FAST
@given(st.lists(st.sampled_from(fixture_text().split("\n")), max_size=40).map("\n".join),
       st.sampled_from(["", "\t", "&a ", "*a", "!!str ", "{", "[", "'", '"', "- ", ": ", "\x00", "\u2028"]))
def test_fixture_line_soup_never_raises(text, noise):
    lines = text.split("\n")
    adv.strict_problems(noise.join(lines))


# ---------------------------------------------------------------- strict builds

@pytest.mark.build
@BUILDS
@given(data=st.data())
def test_generated_text_builds_strictly_with_one_column_per_framework(data, tmp_path_factory):
    real = adv.real_data()
    generated = data.draw(guides(fixed_frameworks=tuple(f["id"] for f in real["frameworks"])))
    # Pages name the real ids (frameworks, categories): keep the real structure, take generated text,
    # and add the generated extra frameworks with a cell for every real feature and consideration.
    texts = iter(data.draw(st.lists(TEXT, min_size=120, max_size=120)))
    labels = iter(data.draw(st.lists(LABEL, min_size=40, max_size=40)))
    guide = copy.deepcopy(real)
    for fw in guide["frameworks"]:
        fw["name"], fw["summary"] = f"{next(labels)} {fw['id']}", next(texts)
    for feature in guide["features"][:5]:
        feature["name"], feature["description"] = next(labels), next(texts)
    for node in guide["decision"]["nodes"]:
        node["question" if "question" in node else "reason"] = next(texts)
    real_ids = {f["id"] for f in real["frameworks"]}
    feature_ids = [f["id"] for f in real["features"]]
    consideration_ids = [c["id"] for c in real["considerations"] if "from_answers" not in c]
    for extra in generated["frameworks"]:
        if extra["id"] in real_ids:
            continue
        free = [c for c in SYMBOLS if c not in {fw["symbol"] for fw in guide["frameworks"]}]
        extra = data.draw(frameworks(extra["id"], feature_ids, consideration_ids, len(real["rating_scale"]), free[0]))
        guide["frameworks"].append(extra)
        for node in guide["decision"]["nodes"]:   # what adding a framework asks of every outcome
            if "recommend" in node:
                node["why_not"][extra["id"]] = next(texts)
                node.setdefault("scorer_note", {})[extra["id"]] = next(texts)
    refresh_scenarios(guide)
    project = adv.copy_project(tmp_path_factory.mktemp("prop-build"))
    adv.write_data(project, adv.dump(guide))
    adv.add_framework_pages(project, [f["id"] for f in guide["frameworks"]])
    result, site = adv.build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    width = len(guide["frameworks"]) + 1
    for page_name in ("comparison", "considerations"):
        tables = adv.scan((site / page_name / "index.html").read_text(encoding="utf-8")).tables
        matrix = [t for t in tables if t and t[0] == width]
        assert matrix, page_name
        for table in matrix:
            assert set(table) == {width}, (page_name, table)
    for page_file in site.rglob("*.html"):
        page = adv.scan(page_file.read_text(encoding="utf-8"))
        assert adv.foreign_scripts(page) == [] and page.handlers == [], page_file
        if page.flow:
            assert adv.flowchart_errors(page) == [], page_file
