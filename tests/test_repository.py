"""The repository the edit links point at (fwguide/repository.py)."""
import pytest

from fwguide.pages import read_config
from fwguide.repository import Repository
from support import ROOT


@pytest.mark.parametrize("config, url", [
    ({"extra": {"repository": {"url": "https://github.com/o/r/", "branch": "dev", "data_file": "d.yaml"}}},
     "https://github.com/o/r/edit/dev/d.yaml"),
    ({"extra": {"repository": {"url": "https://github.com/o/r"}}}, "https://github.com/o/r/edit/main/data/frameworks.yaml"),
    ({"extra": {"repository": {"url": "javascript:alert(1)"}}}, None),
    ({"extra": {}}, None),
    ({}, None),
])
def test_repository_comes_from_the_config(config, url):
    assert Repository.from_config(config).edit_url() == url


def test_mkdocs_config_does_not_set_repo_url_or_a_placeholder_repository():
    config = read_config(ROOT / "mkdocs.yml")
    assert "repo_url" not in config and "edit_uri" not in config   # Material would call the GitHub API
    assert config["extra"]["repository"]["data_file"] == "data/frameworks.yaml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "url: !ENV [REPOSITORY_URL" in text and "example" not in text.split("repository:", 1)[1].split("\n\n")[0]
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert "REPOSITORY_URL: ${{ github.server_url }}/${{ github.repository }}" in deploy
