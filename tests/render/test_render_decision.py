"""The decision tree on the page (fwguide/render/decision.py): the static flowchart, every result
in full, and the worked examples."""
import re

from fwguide.render import decision
from fwguide.render.links import PageLinks
from support import parse_tables


def test_flowchart_draws_every_path_with_its_answers_to_a_linked_outcome(guide):
    html = decision.render_flowchart(guide)
    paths = re.findall(r'data-flow-path="([\d.]*)"', html)
    assert len(paths) == len(set(paths))
    outcomes = re.findall(r'<a class="fwg-flow__out" data-flow-path="([\d.]+)" data-framework="(\w+)" '
                          r'href="#outcome--([\w-]+)">', html)
    assert [(p, fw) for p, fw, _ in outcomes] == [("1", "beta"), ("2.1", "beta"), ("2.2", "alpha")]
    assert {o for _, _, o in outcomes} == {n.id for n in guide.outcomes}
    for node in guide.nodes.values():
        for answer in node.answers:
            assert f'<span class="fwg-flow__answer">{answer.label}</span>' in html
    assert "Q1</span> Do you need user accounts?" in html and "Q2</span> Is it a large project?" in html


def test_flowchart_marks_outcomes_with_a_symbol_and_a_word(guide):
    html = decision.render_flowchart(guide)
    assert '<span class="fwg-mark" aria-hidden="true">*</span> Beta: Beta with its built-in accounts' in html
    assert "Outcomes are marked by framework:" in html and "+</span> Alpha" in html


def test_every_result_in_full_has_each_section(guide):
    html = decision.render_results(guide)
    for node in guide.outcomes:
        section = re.search(rf'<section class="fwg-outcome" id="outcome--{node.id}".*?</section>', html).group(0)
        for needle in (node.title, node.reason, "How to build it", "What you will add", "When to reconsider",
                       "Read next", "Answers that lead here", *node.architecture, *node.add, *node.reconsider):
            assert needle in section, (node.id, needle)
        for fw, text in node.why_not.items():
            assert f'data-why-not="{fw}"' in section and text in section
        assert "data-result-sections" in section and "data-add" in section and "data-reconsider" in section


def test_results_list_the_paths_that_reach_them_as_guide_links(guide):
    html = decision.render_results(guide)
    beta = re.search(r'id="outcome--out-beta".*?</section>', html).group(0)
    assert 'Yes (<a href="?guide=1#answer-step-by-step">open in the guide</a>)' in beta
    alpha = re.search(r'id="outcome--out-alpha".*?</section>', html).group(0)
    assert "No › No" in alpha and 'href="?guide=2.2#answer-step-by-step"' in alpha


def test_read_next_links_are_relative_and_titled_and_include_the_tested_example(guide):
    links = PageLinks("decision.md", titles={"comparison.md": "Comparison", "ai/serving.md": "Serving a model"})
    html = decision.render_result(guide, guide.nodes["out-alpha"], links)
    assert '<a href="../comparison/">Comparison</a>' in html
    assert '<a href="../ai/serving/#the-three-apps">The tested Alpha example (Serving a model)</a>' in html


def test_scenarios_are_worked_examples_that_open_the_guide(guide):
    html = decision.render_scenarios(guide)
    assert 'data-scenario="small-api"' in html and "A small model API without accounts" in html
    assert "Answers: No › No" in html
    assert '<a href="?guide=2.2#answer-step-by-step">Alpha: Alpha with one model endpoint</a>' in html
    assert parse_tables(html).tables == []


def test_outcome_anchors_are_derived_ids():
    assert decision.outcome_anchor("out-x") == "outcome--out-x"
    assert decision.outcome_anchor("out-x", "title") == "outcome--out-x--title"
