"""YAML loading that remembers line numbers, so rule-pack errors can say `file:LINE`."""

from __future__ import annotations

from typing import Any, Optional

# PyYAML (~18 ms) is imported on the first load_yaml only: a cached rule set holds LineDict and
# LineList objects, and unpickling them must not pull in the YAML parser.


class LineDict(dict):
    """A mapping that knows the line of itself and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list):
    """A sequence that knows its line and each item's line (1-based)."""

    line: int = 0
    item_lines: list[int]


class YAMLError(Exception):
    """Invalid YAML or a duplicate key; ``line`` is 1-based (0 when unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def _construct_mapping(loader: Any, node: Any) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise YAMLError("mapping keys must be plain scalars", key_node.start_mark.line + 1)
        if key in result:
            raise YAMLError(f"duplicate key '{key}'", key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: Any, node: Any) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LOADER: Optional[type] = None


def _loader() -> type:
    """The line-recording loader class, built (and PyYAML imported) on first use."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is several times faster

        class _Loader(base):
            pass

        _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
        _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
        _LOADER = _Loader
    return _LOADER


def _refuse_aliases(value: Any) -> None:
    """Rule packs are small and explicit: a repeated node (``*alias``) could expand exponentially."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                raise YAMLError("YAML aliases (*name) are not allowed in rule packs or settings files", getattr(item, "line", 0))
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)


def load_yaml(text: str) -> Any:
    """Parse one YAML document; raise YAMLError with a line number on any problem."""
    loader = _loader()
    import yaml

    try:
        document = yaml.load(text, Loader=loader)
        _refuse_aliases(document)
        return document
    except YAMLError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise YAMLError(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise YAMLError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YAMLError("invalid YAML: nested too deeply") from None
