"""Shared helpers of the adversarial suite: hostile strings, injection into every text field,
calling every renderer, strict builds of a project copy, and checks of built HTML (script
allow-list, event-handler attributes, a grammar of the Mermaid we generate)."""
from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable

import yaml

from fwguide import model
from fwguide.loader import validate
from fwguide.paths import DATA_REL
from fwguide.registry import REQUIRED, macros
from support import ROOT, TODAY, mkdocs

DATA = Path(DATA_REL)
REPORT_LINE = re.compile(r"^data/frameworks\.yaml:(\d+): (.+)$", re.M)

# ------------------------------------------------------------------ hostile strings
# Each family is one kind of attack; every string fits a label (<= 80 characters with a suffix).
# "text" variants may contain line breaks (allowed in long text fields, never in labels).
HOSTILE: dict[str, dict[str, str]] = {
    "html": {"label": "<script>alert(1)</script><img src=x onerror=alert(2)>",
             "text": "<script>alert(1)</script>\n<img src=x onerror=alert(2)><b>bold</b>"},
    "attribute": {"label": "\"'><svg onload=alert(3)> x=\"",
                  "text": "\"'><svg/onload=alert(3)>\n<a href=\"javascript:alert(4)\">x</a>"},
    "markdown": {"label": "| a | b | `code` [link](javascript:alert(5)) **b** <!--",
                 "text": "| col | col |\n|---|---|\n| `x` | [l](javascript:alert(5)) |\n\n# heading\n* item"},
    "mermaid": {"label": "\"]) --> n_x{\"}; %%{init: {'theme':'dark'}}%% click n_q call alert(6)",
                "text": "end\n%%{init: {\"securityLevel\": \"loose\"}}%%\nclick n_q href \"javascript:alert(6)\"\nn_a --> n_b"},
    "jinja": {"label": "{{ 7*7 }} {% if true %}ran{% endif %} {# c #} {{ config }}",
              "text": "{{ 7*7 }}\n{% for x in range(3) %}ran{% endfor %}\n{{ macros }}{% raw %}"},
    "snippet": {"label": "--8<-- \"mkdocs.yml\"",
                "text": "include:\n--8<-- \"mkdocs.yml\"\n;--8<-- \"macros.py\"\n."},  # text is trimmed
    "unicode": {"label": "\u202eevil\u202c zero\u200bwidth \U0001F600 \U0001F469\u200d\U0001F4BB e\u0301 \u05d0\u05d1",
                "text": "\u202egnp.exe\u202c\n\u200b\u200c\u2060\ufeff mixed \U0001F600 a\u0301\u0327 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u2028 end"},
}

# label-like fields (<= 80 chars, no line breaks) and long-text fields, by path pattern
LABEL_FIELDS = {"label", "name", "package", "title"}
TEXT_FIELDS = {"description", "question", "summary", "text", "note", "reason", "because", "help",
               "architecture", "add", "reconsider", "why_not", "scorer_note"}   # lists and maps of text too
NOTE_MAX = 200


def inject(data: dict, family: str) -> dict:
    """A copy of valid data with the family's hostile string in every free-text field.

    Each value gets a unique suffix (answer labels must differ; names stay distinguishable)."""
    out = copy.deepcopy(data)
    label, text = HOSTILE[family]["label"], HOSTILE[family]["text"]
    counter = iter(range(1, 100_000))

    def walk(node: Any, key: str | None = None) -> Any:
        if isinstance(node, dict) and key in ("why_not", "scorer_note"):
            return {k: walk(v, key) for k, v in node.items()}   # framework id -> text
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        if isinstance(node, str) and node.startswith("https://"):
            return node  # a URL (a framework's package page), not text
        if isinstance(node, str) and key in LABEL_FIELDS:
            return f"{label} #{next(counter)}"
        if isinstance(node, str) and key == "note":  # at most 200 characters, no line breaks
            return f"{label} #{next(counter)}"
        if isinstance(node, str) and key in TEXT_FIELDS:
            return f"{text} #{next(counter)}"
        return node

    injected = walk(out)
    _relabel_scenarios(data, injected)
    return injected


def _relabel_scenarios(before: dict, after: dict) -> None:
    """Scenarios name answers by label: give them the new labels of the same answers."""
    old = {n["id"]: n for n in before["decision"]["nodes"]}
    new = {n["id"]: n for n in after["decision"]["nodes"]}
    for scenario in after.get("scenarios", []):
        node_id, labels = before["decision"]["start"], []
        for label in scenario["answers"]:
            index = [a["label"] for a in old[node_id]["answers"]].index(label)
            labels.append(new[node_id]["answers"][index]["label"])
            node_id = old[node_id]["answers"][index]["next"]
        scenario["answers"] = labels


def dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def strict_problems(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return validate(raw, today=TODAY)


# ------------------------------------------------------------------ renderers

def render_all(guide: model.Guide) -> dict[str, str]:
    """Call every declared macro with every meaningful argument; name -> HTML."""
    out = {}
    for name, m in macros().items():
        required = [p for p in m.params if p.default is REQUIRED]
        if not required:
            out[name] = m.render(guide)
            if any(p.name == "ai" for p in m.params):
                out[name + "(ai=True)"] = m.render(guide, ai=True)
                out[name + "(ai=False)"] = m.render(guide, ai=False)
        elif len(required) == 1 and required[0].many:
            out[f"{name}(all)"] = m.render(guide, list(guide.ids(required[0].kind)))
        elif len(required) == 1 and required[0].kind:
            for ident in guide.ids(required[0].kind):
                out[f"{name}({ident})"] = m.render(guide, ident)
        elif all(p.kind == "figure" for p in required):   # measured_ratio(a, b): each figure over itself
            for ident in guide.ids("figure"):
                out[f"{name}({ident})"] = m.render(guide, *[ident] * len(required))
        else:
            raise AssertionError(f"render_all cannot call {m.signature()}: teach it")
    return out


FIXED_HEADINGS = {"## Key features", "## Ideal uses"}   # the only Markdown a macro emits (framework_page)


def html_blocks(name: str, out: str) -> list[str]:
    """The raw HTML blocks of a macro's output: framework_page joins blocks with fixed Markdown
    headings (data is only inside the blocks); every other macro's output is one block."""
    if not name.startswith("framework_page"):
        return [out]
    return [block for block in out.split("\n\n") if block not in FIXED_HEADINGS]


# ------------------------------------------------------------------ builds

from support import copy_project  # noqa: E402,F401  (re-exported for the adversarial tests)


def add_framework_pages(project: Path, framework_ids) -> None:
    """A page and a nav entry for each framework that has none (what a maintainer adds with one)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      - FastAPI (reference): frameworks/fastapi.md\n"
    for fw_id in framework_ids:
        page = project / "docs" / "frameworks" / f"{fw_id}.md"
        if not page.exists():
            page.write_text(f'# {fw_id}\n\n{{{{ framework_page("{fw_id}") }}}}\n', encoding="utf-8")
            text = text.replace(anchor, anchor + f"      - {fw_id}: frameworks/{fw_id}.md\n")
    config.write_text(text, encoding="utf-8")


def write_data(project: Path, text: str | bytes) -> None:
    path = project / DATA
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)


def build(project: Path):
    result = mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"))
    return result, project / "site"


def real_data() -> dict:
    return yaml.safe_load((ROOT / DATA).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ HTML checks

class PageScan(HTMLParser):
    """Scripts, event-handler attributes, javascript: URLs, tables, element ids and the flowchart's boxes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.handlers: list[tuple[str, str, str]] = []
        self.js_urls: list[tuple[str, str]] = []
        self.flow: list[dict] = []         # the flowchart's boxes: kind, path, href, text
        self.ids: list[str] = []
        self.tables: list[list[int]] = []  # cells per row
        self._script: dict | None = None
        self._box: dict | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append((tag, name, value or ""))
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "data:", "vbscript:")):
                self.js_urls.append((tag, value))
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        classes = (attributes.get("class") or "").split()
        if tag == "script":
            self._script, self._text = attributes, ""
        elif {"fwg-flow__q", "fwg-flow__out"} & set(classes):
            self._box = {"kind": "outcome" if "fwg-flow__out" in classes else "question", "tag": tag,
                         "path": attributes.get("data-flow-path"), "href": attributes.get("href"), "text": ""}
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append(0)
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1] += int(attributes.get("colspan") or 1)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, self._text))
            self._script = None
        elif self._box is not None and tag == self._box["tag"]:
            self.flow.append(self._box)
            self._box = None

    def handle_data(self, data):
        if self._script is not None:
            self._text += data
        if self._box is not None:
            self._box["text"] += data


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value is not None]

    handle_startendtag = handle_starttag


def element_ids(page_html: str) -> list[str]:
    """Every id attribute of a page, in order (repeats kept)."""
    parser = _Ids()
    parser.feed(page_html)
    parser.close()
    return parser.ids


def duplicate_ids(page_html: str) -> list[str]:
    """The ids a page gives more than one element (an id must be unique in its page)."""
    seen, repeated = set(), []
    for ident in element_ids(page_html):
        if ident in seen and ident not in repeated:
            repeated.append(ident)
        seen.add(ident)
    return repeated


def scan(page_html: str) -> PageScan:
    parser = PageScan()
    parser.feed(page_html)
    parser.close()
    return parser


# Scripts the site itself authors.  Anything else in a page came from somewhere it should not.
ALLOWED_SCRIPT_SRC = re.compile(
    r"^(/|(\.\./)*)(assets/javascripts/bundle\.[0-9a-f]+\.min\.js"       # Material's bundle
    r"|assets/javascripts/[a-z0-9][a-z0-9-]*\.js"                     # the site's own scripts
    r"|search/main\.js)$")
ALLOWED_JSON_IDS = {"__config", "fwg-guide-data", "fwg-scorer-data"}
MATERIAL_INLINE = (  # Material's inline bootstraps (palette, consent), recognised by their start
    "var palette=__md_get(", "document.documentElement", "var consent=__md_get(", "__md_scope=",
    "var target=document.getElementById(location.hash.slice(1))", "var tabs=__md_get(",
)


def foreign_scripts(page: PageScan) -> list[str]:
    bad = []
    for attrs, body in page.scripts:
        src = attrs.get("src")
        if src is not None:
            if body.strip() or not ALLOWED_SCRIPT_SRC.match(src.split("?")[0]):
                bad.append(f"script src={src!r}")
        elif attrs.get("type") == "application/json" or attrs.get("id") in ALLOWED_JSON_IDS:
            if attrs.get("id") not in ALLOWED_JSON_IDS and "__config" not in (attrs.get("class") or ""):
                bad.append(f"json script id={attrs.get('id')!r}")
            elif "</" in body.lower():
                bad.append("json script contains '</'")
        elif not body.strip().startswith(MATERIAL_INLINE):
            bad.append(f"inline script {body.strip()[:80]!r}")
    return bad


# ------------------------------------------------------------------ the flowchart

def flowchart_errors(page: PageScan, paths: int | None = None) -> list[str]:
    """What is wrong with a page's flowchart: repeated paths, outcomes that link nowhere on the page,
    empty boxes, or (when given) a number of outcome boxes other than the number of paths."""
    errors = []
    seen = [b["path"] for b in page.flow]
    if len(seen) != len(set(seen)):
        errors.append("a path is drawn twice")
    ids = set(page.ids)
    outcomes = [b for b in page.flow if b["kind"] == "outcome"]
    for box in outcomes:
        if not box["href"] or not box["href"].startswith("#") or box["href"][1:] not in ids:
            errors.append(f"outcome {box['path']} links to {box['href']!r}, not an element of the page")
    for box in page.flow:
        if not box["text"].strip():
            errors.append(f"{box['kind']} {box['path']} is empty")
    if paths is not None and len(outcomes) != paths:
        errors.append(f"{len(outcomes)} outcome boxes for {paths} paths")
    return errors


def unescape(text: str) -> str:
    return html.unescape(text)


Mutation = Callable[[str], "str | bytes"]
