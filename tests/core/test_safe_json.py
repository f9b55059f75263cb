"""Outside JSON: bounded nesting, lone surrogates replaced, everything else as sent."""
from __future__ import annotations

import pytest

from core import safe_json


def test_ordinary_json_is_unchanged() -> None:
    assert safe_json.loads('{"a": [1, "৳ 😀", {"b": null}]}'.encode()) == {"a": [1, "৳ 😀", {"b": None}]}


def test_lone_surrogates_become_replacement_characters() -> None:
    assert safe_json.loads(b'{"t": "a\\ud800b", "\\udfff": 1}') == {"t": "a\ufffdb", "\ufffd": 1}


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 40 + b"1" + b"}" * 40,
                                  b"\xff\xfe", b"{nope"])
def test_malformed_or_too_deep_is_refused(body: bytes) -> None:
    with pytest.raises(safe_json.MalformedJson):
        safe_json.loads(body)
