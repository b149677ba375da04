"""The glue between mkdocs-macros and the renderers (fwguide/site.py), with a stand-in for the
mkdocs-macros `env`: what gets registered, footers, links, argument checks, and bad data under
`build` (a clean stop) and `serve` (a banner and empty macros)."""
from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from fwguide import provenance, site
from fwguide.paths import MEASUREMENTS_FILE
from fwguide.registry import macros
from fwguide.repository import Repository
from support import FIXTURE, fixture_text


class FakeEnv:
    """What fwguide.site uses of mkdocs-macros' plugin object."""

    def __init__(self, project: Path, nav=None, repo_url="https://github.com/o/r"):
        self.project_dir = str(project)
        self.conf = {"docs_dir": str(project / "docs"), "nav": nav, "use_directory_urls": True,
                     "extra": {"repository": {"url": repo_url}} if repo_url else {}}
        self.macros: dict = {}
        self.page = None

    def macro(self, fn, name):
        self.macros[name] = fn

    def on(self, src_uri: str) -> "FakeEnv":
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))
        return self


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with the fixture data and a page for each of its frameworks."""
    (tmp_path / "data").mkdir()
    shutil.copy(FIXTURE, tmp_path / "data" / "frameworks.yaml")
    for fw in ("alpha", "beta"):
        (tmp_path / "docs" / "frameworks").mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / "frameworks" / f"{fw}.md").write_text(f'{{{{ framework_page("{fw}") }}}}\n')
    (tmp_path / "docs" / "comparison.md").write_text("# Comparison\n")
    shutil.copy(MEASUREMENTS_FILE, tmp_path / "data" / "measurements.yaml")   # current with the pins
    monkeypatch.setenv("FWGUIDE_SERVE", "0")
    monkeypatch.delenv("FWGUIDE_DATA", raising=False)
    monkeypatch.setattr(site, "_check_api", lambda guide, env: None)   # tested in tests/test_mkdocs_hooks.py
    return tmp_path


def test_registers_exactly_the_declared_macros(project):
    env = FakeEnv(project)
    site.register(env)
    assert set(env.macros) == set(macros())


def test_footer_follows_the_declaration_and_names_the_framework(project, guide):
    env = FakeEnv(project).on("comparison.md")
    site.register(env)
    repo = Repository("https://github.com/o/r")
    assert env.macros["feature_matrix"]().endswith(provenance.footer(guide, repo))
    assert env.macros["framework_page"]("beta").endswith(provenance.footer(guide, repo, "beta"))
    assert "fwg-provenance" not in env.macros["decision_guide"]()
    assert "fwg-provenance" not in env.macros["validation_rules"]()


def test_links_are_relative_to_the_page_being_rendered(project):
    env = FakeEnv(project)
    site.register(env)
    assert 'href":"../frameworks/alpha/"' in env.on("decision.md").macros["decision_guide"]()
    assert 'href":"../../frameworks/alpha/"' in env.on("tools/decide.md").macros["decision_guide"]()
    assert 'href="../../comparison/"' in env.on("tools/decide.md").macros["decision_results"]()


def test_a_bad_id_in_a_call_stops_the_build_naming_the_page_and_the_id(project):
    env = FakeEnv(project).on("ai/apis.md")
    site.register(env)
    with pytest.raises(SystemExit) as stop:
        env.macros["category_table"]("apiz")
    assert str(stop.value).startswith("docs/ai/apis.md: category_table('apiz'): no category 'apiz'")


def test_bad_data_stops_the_build_with_the_list_and_no_traceback(project):
    path = project / "data" / "frameworks.yaml"
    path.write_text(fixture_text().replace("level: third-party", "level: sort-of", 1))
    with pytest.raises(SystemExit) as stop:
        site.register(FakeEnv(project))
    first, last = str(stop.value).splitlines()
    assert first.endswith(f'.yaml:{fixture_text().splitlines().index("        level: third-party") + 1}: '
                          'frameworks[alpha].support.orm.level: "sort-of" is not one of built-in, '
                          'official-extension, third-party, partial, not-available')
    assert last.startswith("1 problem found in ") and "Traceback" not in str(stop.value)


def test_a_framework_without_a_page_stops_the_build_at_its_line(project):
    (project / "docs" / "frameworks" / "beta.md").unlink()
    with pytest.raises(SystemExit) as stop:
        site.register(FakeEnv(project))
    line = fixture_text().splitlines().index("  - id: beta") + 1
    assert f"frameworks.yaml:{line}: frameworks[beta]: has no page" in str(stop.value)


def test_under_serve_bad_data_is_shown_on_every_page_and_macros_render_nothing(project, monkeypatch):
    monkeypatch.setenv("FWGUIDE_SERVE", "1")
    path = project / "data" / "frameworks.yaml"
    path.write_text(fixture_text().replace("level: third-party", "level: sort-of", 1))
    env = FakeEnv(project)
    site.register(env)
    assert "sort-of" in env.conf["extra"][site.PROBLEMS_KEY]
    assert set(env.macros) == set(macros()) and env.macros["feature_matrix"]() == ""
    path.write_text(fixture_text())   # fixed: the next rebuild clears the banner
    site.register(env)
    assert site.PROBLEMS_KEY not in env.conf["extra"] and env.macros["feature_matrix"]()



def test_zensicals_page_object_and_relative_docs_dir_work_too(project, monkeypatch):
    env = FakeEnv(project)
    env.conf["docs_dir"] = "docs"                       # Zensical passes it relative to the project
    monkeypatch.chdir(project)
    site.register(env)
    env.page = SimpleNamespace(path="tools/decide.md", url="tools/decide/")   # no .file under Zensical
    assert 'href":"../../frameworks/alpha/"' in env.macros["decision_guide"]()
    with pytest.raises(SystemExit) as stop:
        env.macros["category_table"]("apiz")
    assert str(stop.value).startswith("docs/tools/decide.md: category_table('apiz')")


def test_the_data_is_loaded_once_until_a_file_changes(project, monkeypatch):
    loads = []
    real = site.load_guide
    monkeypatch.setattr(site, "load_guide", lambda path: loads.append(path) or real(path))
    site._CACHE.clear()
    for _ in range(3):   # Zensical calls define_env once per page
        site.register(FakeEnv(project))
    assert len(loads) == 1
    page = project / "docs" / "comparison.md"
    page.write_text("# Comparison, edited\n")
    site.register(FakeEnv(project))
    assert len(loads) == 2


def test_under_serve_the_problem_list_is_logged_once_per_change(project, monkeypatch, caplog):
    monkeypatch.setenv("FWGUIDE_SERVE", "1")
    path = project / "data" / "frameworks.yaml"
    path.write_text(fixture_text().replace("level: third-party", "level: sort-of", 1))
    site._CACHE.clear()
    for _ in range(3):   # Zensical calls define_env once per page
        site.register(FakeEnv(project))
    assert sum("sort-of" in r.getMessage() for r in caplog.records) == 1


def test_zensical_serve_counts_as_serve(monkeypatch):
    monkeypatch.delenv("FWGUIDE_SERVE", raising=False)
    monkeypatch.setattr("sys.argv", ["/x/bin/zensical", "serve"])
    assert site.serving()
    monkeypatch.setattr("sys.argv", ["/x/bin/zensical", "build"])
    assert not site.serving()
def test_the_measured_figures_are_attached_and_cited_by_key(project):
    env = FakeEnv(project).on("ai/streaming.md")
    site.register(env)
    out = env.macros["measured"]("flask-sync.streams_held")
    assert out.startswith('<a class="fwg-figure" href="../../measured/#fig-flask-sync-streams-held"')


def test_bad_measurements_stop_the_build_with_their_own_file_and_line(project):
    path = project / "data" / "measurements.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("leftover_processes: 0", "leftover_processes: 3"), encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        site.register(FakeEnv(project))
    line = text.splitlines().index("leftover_processes: 0") + 1
    report = str(stop.value)
    assert f"data/measurements.yaml:{line}: leftover_processes: 3 is not one of 0" in report
    assert report.splitlines()[-1].startswith("1 problem found in ") and "Traceback" not in report


def test_both_files_report_together(project):
    (project / "data" / "measurements.yaml").unlink()
    path = project / "data" / "frameworks.yaml"
    path.write_text(fixture_text().replace("level: third-party", "level: sort-of", 1))
    with pytest.raises(SystemExit) as stop:
        site.register(FakeEnv(project))
    report = str(stop.value)
    assert "frameworks.yaml:" in report and "measurements.yaml:1: cannot read the file" in report
    assert "2 problems found in " in report


def test_a_claim_the_figures_contradict_stops_the_build_naming_the_page(project):
    env = FakeEnv(project).on("ai/streaming.md")
    site.register(env)
    with pytest.raises(SystemExit) as stop:
        env.macros["measured"]("flask-sync.streams_held", above="flask-gevent.streams_held")
    assert str(stop.value).startswith("docs/ai/streaming.md: measured('flask-sync.streams_held', "
                                      "above='flask-gevent.streams_held'): the page says above")
