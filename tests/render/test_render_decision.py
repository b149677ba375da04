"""The decision tree as a flowchart and as text (fwguide/render/decision.py)."""
import re

from fwguide.render import decision


def test_flowchart_defines_every_node_it_links(guide):
    source = decision.mermaid_source(guide)
    defined = set(re.findall(r"^  (n_\w+)[\[\(\{]", source, re.M))
    linked = set(re.findall(r"(n_\w+) -->", source)) | set(re.findall(r"\| (n_\w+)$", source, re.M))
    assert defined == {decision.node_ref(n) for n in guide.nodes}
    assert linked <= defined
    edges = len(re.findall(r" -->\|", source))
    assert edges == sum(len(n.answers) for n in guide.nodes.values())
    assert source.startswith("flowchart TD") and "accTitle" in source and "\n\n" not in source


def test_text_tree_shows_every_path_outcome(guide):
    html = decision.render_decision_text(guide)
    outcomes = re.findall(r'data-outcome="(\w+)"', html)
    assert outcomes == [path_outcome for path_outcome in ("beta", "beta", "alpha")]
    assert len(outcomes) == len(guide.paths())
    assert "Do you need user accounts?" in html and "Accounts are built in." in html and "It is small." in html
