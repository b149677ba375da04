"""Data model, validation and renderers of the framework decision guide.

Layers: ``yamlstrict`` reads YAML with line numbers and no YAML 1.1 surprises;
``schema`` and ``rules`` check it; ``loader.load_guide`` is the one entry point
and returns the typed ``model.Guide``; the ``render`` package turns it into
HTML (each renderer declared as a macro in ``registry``); ``export`` writes the
JSON API; ``site`` connects all of it to mkdocs-macros.
"""
from fwguide.loader import load_guide
from fwguide.problems import DataError, Problem

__all__ = ["DataError", "Problem", "load_guide"]
