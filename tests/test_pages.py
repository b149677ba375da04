"""What the pages ask of the data (fwguide/pages.py): framework pages exist and are in the nav,
and every macro call names a declared macro, with arguments it takes and ids that exist."""
from pathlib import Path

import pytest

from fwguide.pages import (MACRO_CALL, anchor_link_problems, macro_calls, nav_files, nav_titles, page_anchors,
                           page_call_problems, page_problems, read_config)
from fwguide.paths import DATA_FILE, MEASUREMENTS_FILE, display_name
from fwguide.loader import load_guide
from fwguide.site import load_both
from support import ROOT


def write(docs: Path, rel: str, text: str) -> None:
    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
    (docs / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def docs(tmp_path, guide):
    docs = tmp_path / "docs"
    for fw in guide.frameworks:
        write(docs, f"frameworks/{fw.id}.md", f'{{{{ framework_page("{fw.id}") }}}}\n')
    write(docs, "comparison.md", "# Comparison\n")   # the fixture's outcomes send readers here
    return docs


NAV = [{"Frameworks": [{"Alpha": "frameworks/alpha.md"}, {"Beta": "frameworks/beta.md"}]},
       {"Comparison": "comparison.md"}]


def test_the_real_pages_and_data_agree():
    config = read_config(ROOT / "mkdocs.yml")
    guide = load_both(DATA_FILE, MEASUREMENTS_FILE)   # the figure keys the pages cite come from the results
    assert page_problems(guide, ROOT / "docs", config["nav"]) == []


def test_macro_calls_are_found_with_whitespace_control_and_across_lines():
    text = '{{- category_table("apis") -}} and {{ considerations_table(\n  ai=True) }}'
    assert [(m.group(1), m.group(2).strip()) for m in MACRO_CALL.finditer(text)] == [
        ("category_table", '"apis"'), ("considerations_table", "ai=True")]


def test_calls_inside_raw_blocks_are_text_not_calls_and_lines_stay_right():
    text = '{% raw %}\n{{ framework_page("<id>") }}\n{% endraw %}\n{{ feature_matrix() }}'
    assert [(m.group(1), m.string.count("\n", 0, m.start()) + 1) for m in macro_calls(text)] == [
        ("feature_matrix", 4)]


def test_nav_files_walks_sections():
    assert sorted(nav_files(NAV + ["index.md"])) == ["comparison.md", "frameworks/alpha.md", "frameworks/beta.md",
                                                    "index.md"]


def test_complete_pages_have_no_problems(guide, docs):
    assert page_problems(guide, docs, NAV) == []


def test_a_framework_without_a_page_is_reported_on_its_line_in_the_data(guide, docs):
    (docs / "frameworks" / "beta.md").unlink()
    problems = page_problems(guide, docs, NAV)
    assert [p.line for p in problems] == [guide.line_of("frameworks", 1)] and problems[0].file is None
    assert "frameworks[beta]: has no page" in problems[0].message
    assert '{{ framework_page("beta") }}' in problems[0].message


def test_a_framework_page_outside_the_nav_is_reported(guide, docs):
    problems = page_problems(guide, docs, [{"Frameworks": [{"Alpha": "frameworks/alpha.md"}]}, "comparison.md"])
    assert [p.message.split(":")[0] for p in problems] == ["frameworks[beta]"]
    assert "not in the nav" in problems[0].message


def test_an_outcome_sending_readers_to_a_missing_page_is_reported_on_its_line(guide, docs):
    (docs / "comparison.md").unlink()
    problems = page_problems(guide, docs, NAV)
    lines = {guide.line_of("decision", "nodes", i, "read_next", 0) for i, n in enumerate(guide.nodes.values())
             if n.is_outcome}
    assert {p.line for p in problems} == lines and len(problems) == 3
    assert all("read_next: no page" in p.message and "comparison.md" in p.message for p in problems)


def test_an_outcome_page_outside_the_nav_is_reported(guide, docs):
    problems = page_problems(guide, docs, NAV[:1])
    assert len(problems) == 3 and all("comparison.md is not in the nav" in p.message for p in problems)


def test_nav_titles_name_each_page_and_a_section_overview_by_its_section():
    nav = [{"Home": "index.md"}, {"AI topics": [{"Overview": "ai/index.md"}, {"Serving": "ai/serving.md"}]}]
    assert nav_titles(nav) == {"index.md": "Home", "ai/index.md": "AI topics", "ai/serving.md": "Serving"}


def test_nav_titles_read_zensicals_nav_form_too():
    nav = [{"title": "Home", "url": "index.md", "children": []},
           {"title": "AI topics", "url": None, "children": [{"title": "Overview", "url": "ai/index.md"},
                                                           {"title": "Serving", "url": "ai/serving.md"}]}]
    assert nav_titles(nav) == {"index.md": "Home", "ai/index.md": "AI topics", "ai/serving.md": "Serving"}


def test_without_a_nav_every_page_is_listed_by_mkdocs(guide, docs):
    assert page_problems(guide, docs, None) == []


@pytest.mark.parametrize("call, fragment", [
    ('{{ category_table("nowhere") }}', "category_table('nowhere'): no category 'nowhere'"),
    ('{{ framework_page("gamma") }}', "no framework 'gamma' in data/frameworks.yaml (known: alpha, beta)"),
    ("{{ category_table() }}", "category_table(): missing a required argument"),
    ('{{ feature_matrix("x") }}', "feature_matrix(): too many positional arguments"),
    ("{{ no_such_macro() }}", "no_such_macro(): no such macro"),
    ('{{ features_table(["orm", "nowhere"]) }}', "no feature 'nowhere' in data/frameworks.yaml (known: orm,"),
    ('{{ features_table("orm") }}', "feature_ids must be a non-empty list of feature ids"),
    ("{{ features_table([]) }}", "feature_ids must be a non-empty list of feature ids"),
    ('{{ features_table(["orm", "orm"]) }}', "feature_ids names a feature twice"),
])
def test_a_bad_call_is_reported_with_the_page_and_line(guide, docs, call, fragment):
    write(docs, "topic.md", f"# Topic\n\nText.\n{call}\n")
    problems = page_call_problems(guide, docs)
    assert len(problems) == 1 and problems[0].line == 4 and problems[0].file.endswith("docs/topic.md")
    assert fragment in problems[0].message


def test_non_literal_arguments_are_left_to_the_build(guide, docs):
    write(docs, "topic.md", "{{ category_table(page.meta.category) }}\n")
    assert page_call_problems(guide, docs) == []


def test_read_config_tolerates_mkdocs_tags(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_url: !ENV [SITE_URL, '']\nx: !!python/name:os.path\nnav:\n  - a.md\n", encoding="utf-8")
    assert read_config(path) == {"site_url": None, "x": None, "nav": ["a.md"]}


# ------------------------------------------------- links to elements made from data ids (issue 13)

def test_a_link_to_a_row_of_a_missing_feature_names_the_page_line_and_id(guide, docs):
    write(docs, "comparison.md", "# Comparison\n\n{{ feature_matrix() }}\n")
    write(docs, "ai/topic.md", "# Topic\n\nSee [the ORM row](../comparison.md#feature--orm).\n"
                               "And [a gone one](../comparison.md#feature--graphql).\n")
    problems = anchor_link_problems(guide, docs)
    assert [(p.file, p.line) for p in problems] == [(display_name(docs / "ai/topic.md"), 4)]
    assert "link to ../comparison.md#feature--graphql: no feature 'graphql' in data/frameworks.yaml" \
        in problems[0].message


def test_a_link_to_a_row_the_target_page_does_not_show(guide, docs):
    write(docs, "apis.md", '{{ category_table("apis") }}\n')  # shows the apis features only
    write(docs, "topic.md", "[orm](apis.md#feature--orm) and [openapi](apis.md#feature--openapi)\n")
    problems = anchor_link_problems(guide, docs)
    assert len(problems) == 1 and "apis.md has no element with that id" in problems[0].message
    assert "feature 'orm'" in problems[0].message


def test_links_to_considerations_and_weights_and_on_the_same_page(guide, docs):
    write(docs, "decision.md", "{{ weighted_scorer() }}\n[w](#fwg-weight--project-size) "
                               "[gone](#fwg-weight--speed) [row](#consideration--project-size)\n")
    messages = [p.message for p in anchor_link_problems(guide, docs)]
    assert len(messages) == 2
    assert "no consideration 'speed'" in messages[0]
    assert "#consideration--project-size: " in messages[1] and "has no element with that id" in messages[1]


def test_links_in_code_and_heading_anchors_are_not_checked(guide, docs):
    write(docs, "topic.md", "`[x](a.md#feature--nope)`\n\n```md\n[y](a.md#feature--nope)\n```\n"
                            "[heading](a.md#feature-comparison) [other](a.md#some--thing)\n")
    assert anchor_link_problems(guide, docs) == []


def test_the_anchors_a_page_shows_come_from_its_macros(guide, docs):
    write(docs, "comparison.md", "{{ feature_matrix() }}\n")
    write(docs, "odd.md", "{{ category_table(page.meta.category) }}\n")
    shown = page_anchors(guide, docs, "comparison.md")
    assert {f"feature--{f.id}" for f in guide.features} <= shown
    assert page_anchors(guide, docs, "odd.md") is None  # not literal: the build's own anchor check decides
    assert page_anchors(guide, docs, "missing.md") == set()
def test_a_figure_key_must_exist_in_the_measurements(docs, guide):
    write(docs, "x.md", '{{ measured("flask-gthread.predict.c8.rsp") }}\n{{ measured("flask-gthread.startup_ms", '
                        'below="nope") }}\n{{ measured("flask-gthread.startup_ms") }}\n')
    found = page_call_problems(guide, docs)
    assert [(p.line, p.message) for p in found] == [
        (1, "measured('flask-gthread.predict.c8.rsp'): no figure 'flask-gthread.predict.c8.rsp' in "
            "data/measurements.yaml (closest: flask-gthread.predict.c8.rps, flask-gthread.predict.c1.rps, "
            "flask-gthread.predict.c8.errors)"),
        (2, "measured('nope'): no figure 'nope' in data/measurements.yaml")]
