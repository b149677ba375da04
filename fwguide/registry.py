"""The declared registry of macros: one entry per macro, made where the renderer is defined.

A renderer becomes a macro by being decorated::

    @macro("framework_identity", footer=True)
    def render_identity(guide: Guide, framework_id: FrameworkId) -> str: ...

The entry states the macro's name, its parameters (read from the signature; a
parameter annotated with an id type such as ``FrameworkId`` must name an id of
that kind in the data; one annotated ``list[FeatureId]`` must be a non-empty list of such ids,
each named once) and whether its output carries the provenance footer
(for the framework its ``FrameworkId`` parameter names, if it has one, else for
the whole data file).  A renderer that takes ``links: PageLinks`` gets links
relative to the page being rendered, and one that takes ``docs_dir: Path`` gets
the folder of the Markdown sources (the Sources page reads their links).  ``site.register`` is a loop over
``macros()``; the tests and ``bench/`` enumerate the same registry.
"""
from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass

from fwguide.model import ID_KINDS

REQUIRED = inspect.Parameter.empty


@dataclass(frozen=True)
class Param:
    name: str
    kind: str | None = None          # "framework", "category", ...: must name an id of that kind
    default: object = REQUIRED
    many: bool = False               # a list of ids of that kind (``list[FeatureId]``)


@dataclass(frozen=True)
class Macro:
    name: str
    render: Callable[..., str]
    footer: bool                     # True: the output ends with the provenance footer
    params: tuple[Param, ...]        # the arguments a page passes (not the guide, not links)
    takes_links: bool = False
    takes_docs_dir: bool = False

    @property
    def framework_param(self) -> str | None:
        return next((p.name for p in self.params if p.kind == "framework"), None)

    def signature(self) -> str:
        def one(p: Param) -> str:
            return p.name if p.default is REQUIRED else f"{p.name}={p.default!r}"
        return f"{self.name}({', '.join(one(p) for p in self.params)})"


_MACROS: dict[str, Macro] = {}


INJECTED = ("links", "docs_dir")   # passed by the site, never by a page


def _optional_of(hint):
    """``FigureKey | None`` -> ``FigureKey`` (an optional id is still an id of its kind)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if len(args) == 1 and type(None) in typing.get_args(hint) else hint


def _params(fn: Callable) -> tuple[tuple[Param, ...], set[str]]:
    hints = typing.get_type_hints(fn)
    params, injected = [], set()
    for name, parameter in list(inspect.signature(fn).parameters.items())[1:]:  # the first is the guide
        if name in INJECTED:
            injected.add(name)
            continue
        hint = _optional_of(hints.get(name))
        many = typing.get_origin(hint) is list
        kind = ID_KINDS.get(typing.get_args(hint)[0] if many else hint)
        params.append(Param(name, kind, parameter.default, many and kind is not None))
    return tuple(params), injected


def macro(name: str, *, footer: bool) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register the decorated renderer as the macro ``name``."""
    def register(fn: Callable[..., str]) -> Callable[..., str]:
        if name in _MACROS and _MACROS[name].render is not fn:
            raise ValueError(f"macro {name!r} is declared twice")
        params, injected = _params(fn)
        _MACROS[name] = Macro(name, fn, footer, params, "links" in injected, "docs_dir" in injected)
        return fn
    return register


def macros() -> dict[str, Macro]:
    """Every declared macro, by name (importing the renderers declares them)."""
    import fwguide.render  # noqa: F401  (each module declares its macros)
    return dict(_MACROS)
