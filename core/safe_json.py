"""JSON from the outside world, parsed defensively: bounded nesting, and lone surrogates made harmless."""
from __future__ import annotations

import json
import re
from typing import Any

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_DEPTH = 32  # a Telegram update or Bot Framework activity nests about ten levels deep


class MalformedJson(ValueError):
    """Not JSON we will process; `str(error)` says why, for a 400 answer."""


def loads(body: bytes, max_depth: int = MAX_DEPTH) -> Any:
    """Parse `body`; strings keep their text, with lone UTF-16 surrogates (which no database or API accepts)
    replaced by U+FFFD. Raises `MalformedJson` for invalid UTF-8 or JSON, or nesting deeper than `max_depth`."""
    try:
        data = json.loads(body)
    except RecursionError:
        raise MalformedJson("nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedJson(f"not JSON: {error}") from None
    return _clean(data, max_depth)


def _clean(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value) if LONE_SURROGATE.search(value) else value
    if isinstance(value, dict | list):
        if depth <= 0:
            raise MalformedJson("nested too deeply")
        if isinstance(value, dict):
            return {_clean(k, depth): _clean(v, depth - 1) for k, v in value.items()}
        return [_clean(item, depth - 1) for item in value]
    return value
