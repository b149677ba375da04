"""Data model, validation and renderers of the framework decision guide.

Layers: ``yamlstrict`` reads YAML with line numbers and no YAML 1.1 surprises;
``validate`` checks it against the JSON Schema and the semantic rules;
``model`` turns valid data into typed objects; ``render`` and ``export``
turn those into HTML, Mermaid and JSON.  ``load_guide`` is the one entry point.
"""
from fwguide.problems import DataError, Problem
from fwguide.validate import load_guide

__all__ = ["DataError", "Problem", "load_guide"]
