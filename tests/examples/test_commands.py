"""examples/commands.sh, the install commands on the pages, and examples/nginx.conf.

The servers themselves are started in test_servers.py; here: the pins on the
pages match the project's pins, and the nginx file (not run in the tests) has
the directives the serving page relies on.
"""

from __future__ import annotations

import re
import shlex

import pytest

from command_file import COMMANDS, REPO_ROOT, commands, pins, sections
from examples.common.model import MAX_BODY_BYTES

NGINX = REPO_ROOT / "examples" / "nginx.conf"
START_SECTIONS = ["flask", "django", "fastapi", "django-asgi", "flask-dev", "django-dev", "fastapi-dev",
                  "llm-flask", "llm-django", "llm-fastapi"]


def project_pins() -> dict[str, str]:
    """name (lower case) -> version, from requirements/*.txt."""
    files = sorted((REPO_ROOT / "requirements").glob("*.txt"))
    found: dict[str, str] = {}
    for path in files:
        if path.is_file():
            for name, version in pins(path.read_text(encoding="utf-8")):
                found[name.lower()] = version
    return found


def install_lines() -> list[tuple[str, str]]:
    """(where, command) for every `pip install` on a page, in the examples'
    README and in examples/commands.sh."""
    found = []
    paths = [*sorted((REPO_ROOT / "docs").rglob("*.md")), REPO_ROOT / "examples" / "README.md", COMMANDS]
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := re.search(r"pip install ([^`\n]+)", line):
                found.append((f"{path.relative_to(REPO_ROOT)}: {line.strip()}", m[1].strip()))
    return found


def test_the_page_install_commands_exist():
    assert len(install_lines()) >= 4  # commands.sh alone has four


@pytest.mark.parametrize("where, args", install_lines())
def test_every_install_command_is_pinned_to_the_project_pins(where, args):
    known = project_pins()
    words = shlex.split(args)
    while words:
        word = words.pop(0)
        if word == "-r":  # a requirements file of the project
            assert (REPO_ROOT / words.pop(0)).is_file(), where
            continue
        if word == "--require-hashes":  # the project's files pin every package with its hashes
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[\w,-]+\])?==(\S+)", word)
        assert match, f"{where}: {word!r} is not pinned with =="
        assert known.get(match[1].lower()) == match[3], f"{where}: {word} differs from the project pin"


def test_servers_and_frameworks_are_pinned():
    known = project_pins()
    for name in ("gunicorn", "uvicorn", "flask", "django", "fastapi", "scikit-learn"):
        assert name in known, name


@pytest.mark.parametrize("section", START_SECTIONS)
def test_each_start_section_is_one_command_on_the_documented_port(section):
    lines = commands(section)
    assert len(lines) == 1, lines
    program = shlex.split(lines[0])[0]
    assert program in {"gunicorn", "uvicorn", "flask", "python"}
    assert "8000" in lines[0]


def test_production_gunicorn_commands_use_threads():
    # The sync worker serves one request at a time, and a client that stops
    # sending holds it until --timeout kills the worker (test_servers.py).
    for section in ("flask", "django"):
        words = shlex.split(commands(section)[0])
        assert words[words.index("--worker-class") + 1] == "gthread", section
        assert int(words[words.index("--threads") + 1]) > 4, section


def test_sections_are_well_formed():
    text = "# --8<-- [start:a]\nx\n# --8<-- [end:a]\n"
    assert sections(text) == {"a": "x\n"}
    for broken in ("# --8<-- [start:a]\nx\n", "# --8<-- [end:a]\n", text + text):
        with pytest.raises(AssertionError):
            sections(broken)


# --- nginx ------------------------------------------------------------------------


def nginx_directives(text: str) -> list[tuple[str, list[str]]]:
    """(context path, words) of every directive; braces must balance."""
    text = re.sub(r"#[^\n]*", "", text)
    tokens = re.findall(r'"[^"]*"|[{};]|[^\s{};"]+', text)
    found, stack, words = [], [], []
    for token in tokens:
        if token == "{":
            stack.append(words[0] if words else "?")
            words = []
        elif token == "}":
            assert stack and not words, "unbalanced braces"
            stack.pop()
        elif token == ";":
            found.append(("/".join(stack), words))
            words = []
        else:
            words.append(token.strip('"'))
    assert not stack and not words, "unbalanced braces or a missing ';'"
    return found


def directive(found, name: str) -> list[list[str]]:
    return [words[1:] for _, words in found if words[0] == name]


def size_in_bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmM]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit.lower()]


def test_nginx_buffers_slow_clients_and_times_them_out():
    found = nginx_directives(NGINX.read_text(encoding="utf-8"))
    assert directive(found, "proxy_request_buffering") == [["on"]]
    assert ["off"] not in directive(found, "proxy_buffering")
    for timeout in ("client_header_timeout", "client_body_timeout"):
        (value,), = directive(found, timeout)
        assert int(value.rstrip("s")) <= 60, timeout


def test_nginx_passes_what_the_apps_need():
    found = nginx_directives(NGINX.read_text(encoding="utf-8"))
    (limit,), = directive(found, "client_max_body_size")
    assert size_in_bytes(limit) > MAX_BODY_BYTES  # the apps answer their own 413 in JSON
    headers = {tuple(words) for words in directive(found, "proxy_set_header")}
    assert ("Host", "$host") in headers  # Django checks it against ALLOWED_HOSTS
    assert ("X-Forwarded-Proto", "$scheme") in headers


def test_nginx_ends_tls_as_the_serving_page_says():
    # The reason check --deploy's W004 and W008 remain (test_django_settings.py).
    found = nginx_directives(NGINX.read_text(encoding="utf-8"))
    assert ["301", "https://$host$request_uri"] in directive(found, "return")
    assert any(words[0] == "Strict-Transport-Security" for words in directive(found, "add_header"))


def test_nginx_forwards_to_the_documented_bind_address():
    found = nginx_directives(NGINX.read_text(encoding="utf-8"))
    servers = [words for context, words in found if context.startswith("upstream") and words[0] == "server"]
    assert [words[1] for words in servers] == ["127.0.0.1:8000"]
    for section in ("flask", "django"):
        assert "--bind 127.0.0.1:8000" in commands(section)[0]


def test_the_nginx_check_catches_a_missing_brace():
    with pytest.raises(AssertionError):
        nginx_directives("server { listen 80;")
