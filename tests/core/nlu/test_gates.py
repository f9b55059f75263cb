"""Word gates: the words listed are the words matches begin with, and a gated pattern finds what the pattern finds."""
from __future__ import annotations

import importlib
import json
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.nlu
from core.nlu.evaluate import load
from core.nlu.gates import Gated, first_words, first_words_and_gap, gated, unicode_gated
from tests.data import CLINC150, DATA

CORPORA = ("nlu_corpus.jsonl", "nlu_corpus_people.jsonl", "nlu_corpus_banking.jsonl")
MODULES = [importlib.import_module(f"core.nlu.{module.name}") for module in pkgutil.iter_modules(core.nlu.__path__)]
GATED = list({id(value): value for module in MODULES for value in vars(module).values()
              if isinstance(value, Gated)}.values())


@pytest.mark.parametrize(("pattern", "words"), [
    (r"\b(?:how much|total|sum)\b", {"how", "total", "sum"}),
    (r"\bwhat'?s (?:my|the)\b", {"what", "whats"}),  # the apostrophe ends a word: "what's" is "what" then "s"
    (r"^(?:show|list)\s+(?:my\s+)?entries", {"show", "list"}),
    (r"(?<!forked )\bover\b", {"over"}),  # a look-behind narrows, it starts no word
    (r"\b(?:[Ss]pent|paid)\b", {"spent", "paid"}),
    (r"\b(?:top|last)[ -]\d", {"top", "last"}),
    (r"\brecommend\w*|\bfraud[a-z]*\b", {"recommend*", "fraud*"}),  # words that begin so ("recommendations")
])
def test_the_first_words_of_a_pattern(pattern: str, words: set[str]) -> None:
    assert first_words(re.compile(pattern)) == words


@pytest.mark.parametrize(("pattern", "text"), [
    (r"\s+spent\b", "i  spent 500"),  # the match starts in the spaces before its first word
    (r",?\s*\b(?:spent|paid)\b", "x, paid, spent"),
    (r"(?:^|\s)@?karim\s+owes\b", "so @karim owes me"),
    (r"\bover\b", "spent over 50, over"),
    (r"\b(?:fraud\w*|lost)\b", "was it fraudulent or lost"),  # a word that begins with "fraud"
])
def test_a_gated_search_begins_where_the_pattern_would_even_before_its_first_word(pattern: str, text: str) -> None:
    gate = gated(pattern)
    assert gate.words is not None
    found, expected = gate.search(text), re.search(pattern, text)
    assert expected is not None and found is not None and found.span() == expected.span()


def test_a_pattern_that_may_begin_before_its_first_word_is_searched_in_the_gap_too() -> None:
    assert first_words_and_gap(re.compile(r"\s+spent\b")) == (frozenset({"spent"}), True)
    assert first_words_and_gap(re.compile(r"\b(?:spent|paid)\b")) == (frozenset({"spent", "paid"}), False)


@pytest.mark.parametrize("pattern", [
    r"spent",  # no boundary before it: "overspent" holds it too
    r"\b\w*spent",  # a word's end only: "overspent"
    r"\b\w+ spent\b",  # any word
    r"\d+ taka",  # a number
    r"\btk(?=\d)",  # "tk500" is one word
    r"\b(?:top|last)[ -]?\d",  # so is "top5"
    r"\brecommend\w*|\bspent|\d+ taka|tk(?=\d)",
])
def test_no_gate_where_the_first_words_cannot_be_listed(pattern: str) -> None:
    assert first_words(re.compile(pattern)) is None
    assert gated(pattern).words is None  # searched always


def test_every_gated_pattern_of_the_parser_has_its_gate() -> None:
    assert all(pattern.words for pattern in GATED), [p.pattern[:60] for p in GATED if not p.words]


def test_a_case_blind_pattern_with_letters_beyond_ascii_is_not_gated() -> None:
    assert first_words(re.compile(r"\bſum\b", re.IGNORECASE)) is None  # "ſ" matches "s" case-blind
    assert gated(r"\bſum\b", re.IGNORECASE).search("sum") is not None


def test_a_gated_pattern_finds_what_the_pattern_finds_in_every_corpus_text() -> None:
    texts = [item["text"] for name in CORPORA for item in load(DATA / name)]
    texts += [text for split in ("train", "val") for text, _ in json.loads(CLINC150.read_text())[split]]
    assert len(GATED) >= 20
    found = 0
    for pattern in GATED:
        for text in texts + [text.upper() for text in texts[:2000]]:
            ours = pattern.search(text)
            theirs = pattern.regex.search(text)
            assert (ours and ours.span()) == (theirs and theirs.span()), (pattern.pattern[:60], text)
            found += theirs is not None
    assert found > 5_000  # the patterns do match: the comparison is not of misses alone


WORDS = st.sampled_from(sorted({word for pattern in GATED for word in pattern.words} | {
    "i", "my", "spent", "on", "food", "last", "month", "500", "tk", "at", "the", "card", "what's", "how", "much"}))


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=9), st.sampled_from([" ", "  ", ", ", "-", "'"]),
       st.sampled_from([str.lower, str.upper, str.title]))
def test_gated_and_ungated_agree_on_any_sentence_of_their_words(words: list[str], joint: str, case: object) -> None:
    text = case(joint.join(words))  # type: ignore[operator]
    for pattern in GATED:
        ours, theirs = pattern.search(text), pattern.regex.search(text)
        assert (ours and ours.span()) == (theirs and theirs.span()), (pattern.pattern[:60], text)
        assert bool(pattern.match(text)) == bool(pattern.regex.match(text)), (pattern.pattern[:60], text)


def test_a_searched_slice_always_runs_the_pattern() -> None:
    pattern = gated(r"\btotal\b", re.IGNORECASE)
    assert pattern.search("the total", 4) is not None
    assert pattern.search("subtotal") is None
    assert pattern.sub("sum", "the Total due") == "the sum due"


@pytest.mark.parametrize(("pattern", "flags", "text", "span"), [
    (r"\btotal\b", re.IGNORECASE, "ＴＯＴＡＬ total", (6, 11)),  # fullwidth letters are other letters
    (r"\b(?:koto|khoroch)\b", 0, "এই মাসে khoroch koto", (8, 15)),  # Bengali script: words of their own
    (r"\btaka\b", 0, "বাজারtaka taka", (10, 14)),  # a Bengali letter joins the run: "রtaka" is one word
    (r"\bspent\b", re.IGNORECASE, "i ſpent ৳500", (2, 7)),  # case-blind, "ſ" is "s": the pattern is run
    (r"\bspent\b", re.IGNORECASE, "İ spent ৳500", (2, 7)),  # "İ" is two letters in lower case: the pattern is run
    (r"\bspent\b", 0, "i ſpent ৳500", None),  # case-sensitive, "ſ" is no "s"
])
def test_a_text_beyond_ascii_is_gated_where_its_words_keep_their_places(
        pattern: str, flags: int, text: str, span: tuple[int, int] | None) -> None:
    gate = gated(pattern, flags)
    found = gate.search(text)
    assert (found and found.span()) == span == ((m := gate.regex.search(text)) and m.span())
    assert bool(gate.match(text)) == bool(gate.regex.match(text))
    assert unicode_gated("এই মাসে", re.IGNORECASE)
    assert not unicode_gated("İstanbul", 0) and not unicode_gated("ſum", re.IGNORECASE) and unicode_gated("ſum", 0)
