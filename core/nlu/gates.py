"""Word gates: a pattern searched only where a word one of its matches could begin with is in the text."""
from __future__ import annotations

import re
import re._constants as sre  # the parsed form of a pattern, as the re module reads it (stable in 3.11–3.13)
import re._parser as sre_parse
import sys
from typing import Any

WORD_CHAR_RE = re.compile(r"\w")
NON_WORD_RUNS_RE = re.compile(r"(\W+)")  # split by it, a text is its \w runs and the gaps between them
MAX_WORDS = 400  # a pattern whose matches may start with more words than this is searched always
MAX_STEPS = 20_000
PREFIX = "*"  # a first word written "recommend*" is any word that begins with "recommend"
WORDS_CACHE_SIZE = 64  # texts whose words are kept: a message is read as a few texts (typed, lower case, trimmed)
ParsedItem = tuple[Any, Any]


class NoGate(Exception):
    """A match of the pattern may begin with a word that cannot be listed (a digit, any letter, part of a word)."""


class Gated:
    """A compiled pattern and the words every match begins with: in a whole text, `search` runs the pattern only where
    one of those words is (or in the gap of spaces and marks before it), and `match` only when the text holds one:
    the answer the pattern would give, sooner. A pattern whose first words cannot be listed (`words` None) is always
    run; tests/core/nlu/test_gates.py insists there is none."""

    __slots__ = ("flags", "gap", "pattern", "prefixes", "regex", "whole", "words")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.words, self.gap = first_words_and_gap(regex)
        self.whole = frozenset(word for word in self.words or () if not word.endswith(PREFIX))
        self.prefixes = tuple(sorted(word[:-1] for word in self.words or () if word.endswith(PREFIX)))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if not self._gates(text, pos, endpos):
            return self.regex.search(text, pos, endpos)
        # a match begins at one of its first words, or, when it may start with spaces or marks, in the gap before
        # one: tried from left to right, the first place that matches is where the search would have found it
        words, prefixes, match = self.whole, self.prefixes, self.regex.match
        for gap_start, start, word in word_places(text):
            if word in words or (prefixes and word.startswith(prefixes)):
                for at in range(gap_start if self.gap else start, start + 1):
                    if (found := match(text, at)) is not None:
                        return found
        return None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._cannot_match(text, pos, endpos) else self.regex.match(text, pos, endpos)

    def sub(self, replacement: str, text: str, count: int = 0) -> str:
        return text if self._cannot_match(text, 0, len(text)) else self.regex.sub(replacement, text, count)

    def _gates(self, text: str, pos: int, endpos: int) -> bool:
        # a slice may cut a word short ("spentx" read up to "spent"): only whole texts are gated, and beyond ASCII only
        # those whose lower case keeps every place and every letter's case-blind match (see `unicode_gated`)
        return self.words is not None and pos == 0 and endpos >= len(text) and (
            text.isascii() or unicode_gated(text, self.flags))

    def _cannot_match(self, text: str, pos: int, endpos: int) -> bool:
        if not self._gates(text, pos, endpos):
            return False
        found = words_of(text)
        return self.whole.isdisjoint(found) and not (self.prefixes and any(
            word.startswith(self.prefixes) for word in found))


# "İ" is the one letter whose lower case is longer ("i̇"): the words' places would no longer be the text's. Case-blind,
# the pattern matches "ı" and "ſ" where it has "i" and "s", which their lower case ("ı", "ſ") is not.
LONGER_IN_LOWER_CASE = "\u0130"
CASE_BLIND_ALIKE = ("\u0131", "\u017f")


def unicode_gated(text: str, flags: int) -> bool:
    """Whether a text beyond ASCII (Bengali, "৳") may be gated: its words in lower case are the words the pattern
    reads, at the same places."""
    return LONGER_IN_LOWER_CASE not in text and not (
        flags & re.IGNORECASE and any(letter in text for letter in CASE_BLIND_ALIKE))


def gated(pattern: str, flags: int = 0) -> Gated:
    """`re.compile`, with the word gate of the pattern."""
    return Gated(re.compile(pattern, flags))


_words_cache: dict[str, frozenset[str]] = {}


def words_of(text: str) -> frozenset[str]:
    """The \\w runs of an ASCII or lower-case text, in lower case (kept for the few texts one message is read as)."""
    words = _words_cache.get(text)
    if words is None:
        if len(_words_cache) >= WORDS_CACHE_SIZE:
            _words_cache.clear()
        words = _words_cache[text] = frozenset(word for _, _, word in word_places(text))
    return words


_places_cache: dict[str, tuple[tuple[int, int, str], ...]] = {}


def word_places(text: str) -> tuple[tuple[int, int, str], ...]:
    """Each \\w run of a text: where the gap before it starts (the end of the run before), where it starts, and its
    lower case (kept for the few texts one message is read as). The places are those of the text in lower case, the
    same as the text's own in every text searched by them (no "İ", see `unicode_gated`)."""
    places = _places_cache.get(text)
    if places is None:
        if len(_places_cache) >= WORDS_CACHE_SIZE:
            _places_cache.clear()
        found = []
        at = gap_start = 0
        word = True  # the pieces alternate: a run (empty at either end), the gap after it, the next run…
        for piece in NON_WORD_RUNS_RE.split(text.lower()):
            if word and piece:
                found.append((gap_start, at, piece))
            at += len(piece)
            if word:
                gap_start = at
            word = not word
        places = _places_cache[text] = tuple(found)
    return places


def first_words(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The lower-case words a match of `regex` can begin with, each a whole \\w run of the text it is found in
    ("word*": a run that begins with "word"); None when they cannot be listed. Sound, not exact: a listed word may
    still not match; an unlisted one never does."""
    return first_words_and_gap(regex)[0]


def first_words_and_gap(regex: re.Pattern[str]) -> tuple[frozenset[str] | None, bool]:
    """`first_words`, and whether a match may begin with characters no word holds (a space, a mark) before them."""
    walked = [0, 0]  # steps taken, and 1 once a character no word holds was read before the first word
    try:
        words = _walk(list(sre_parse.parse(regex.pattern, regex.flags)), "", False, walked)
    except NoGate:
        return None, True
    if regex.flags & re.IGNORECASE and not all(word.isascii() for word in words):
        return None, True  # case-blind, "ſ" and "K" (Kelvin) match ASCII letters that str.lower() does not give
    return frozenset(word.lower() for word in words), walked[1] == 1


def _walk(items: list[ParsedItem], word: str, at_word_start: bool, steps: list[int]) -> set[str]:
    """The first words of the matches of `items`, `word` being the part of the first word already read and
    `at_word_start` whether what comes next starts a \\w run."""
    steps[0] += 1
    if steps[0] > MAX_STEPS or not items:
        raise NoGate  # too many ways to start, or the pattern ends inside its first word (it may go on in the text)
    (op, arg), rest = items[0], items[1:]
    if op is sre.AT:
        if word and arg in (sre.AT_BOUNDARY, sre.AT_END, sre.AT_END_STRING):
            return {word}
        if not word and arg in (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
            return _walk(rest, word, True, steps)
        raise NoGate
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return _walk(rest, word, at_word_start, steps)  # a look-around narrows the matches and consumes nothing
    if op is sre.LITERAL:
        return _after_char(chr(arg), rest, word, at_word_start, steps)
    if op is sre.IN:
        return _capped(set().union(*[_after_char(char, rest, word, at_word_start, steps)
                                     for char in _class_chars(arg)]))
    if op is sre.BRANCH:
        return _capped(set().union(*[_walk(list(branch) + rest, word, at_word_start, steps) for branch in arg[1]]))
    if op is sre.SUBPATTERN:
        return _walk(list(arg[-1]) + rest, word, at_word_start, steps)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, repeated = arg[0], arg[1], list(arg[2])
        if word and _only_word_chars(repeated):
            return {word + PREFIX}  # "recommend\w*": the first word only begins so ("recommendations")
        if _no_word_chars(repeated):  # "\s+", "[,.]*": once or many times, the same word boundary
            once = _walk([(sre.LITERAL, ord(" ")), *rest], word, at_word_start, steps)
        elif high == 1:
            once = _walk(repeated + rest, word, at_word_start, steps)
        else:
            raise NoGate
        return _capped(once | _walk(rest, word, at_word_start, steps)) if low == 0 else once
    raise NoGate


def _after_char(char: str, rest: list[ParsedItem], word: str, at_word_start: bool, steps: list[int]) -> set[str]:
    if WORD_CHAR_RE.match(char):
        if not word and not at_word_start:
            raise NoGate  # "spent" with no boundary before it also matches inside "overspent"
        return _walk(rest, word + char, True, steps)
    if word:
        return {word}  # a character no word holds ends the word
    steps[1] = 1
    return _walk(rest, "", True, steps)


def _class_chars(members: list[ParsedItem]) -> list[str]:
    chars = []
    for op, arg in members:
        if op is sre.LITERAL:
            chars.append(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < 30:
            chars.extend(map(chr, range(arg[0], arg[1] + 1)))
        elif op is sre.CATEGORY and arg is sre.CATEGORY_SPACE:
            chars.append(" ")
        else:
            raise NoGate
    return chars


def _only_word_chars(items: list[ParsedItem]) -> bool:
    """Whether `items` is one character class all of whose characters are word characters ("\\w", "[a-z]")."""
    if len(items) != 1 or items[0][0] is not sre.IN:
        return False
    members = items[0][1]
    if all(op is sre.CATEGORY and arg in (sre.CATEGORY_WORD, sre.CATEGORY_UNI_WORD) for op, arg in members):
        return True
    try:
        return all(WORD_CHAR_RE.match(char) for char in _class_chars(members))
    except NoGate:
        return False


def _no_word_chars(items: list[ParsedItem]) -> bool:
    if len(items) != 1:
        return False
    op, arg = items[0]
    try:
        chars = [chr(arg)] if op is sre.LITERAL else _class_chars(arg) if op is sre.IN else ["a"]
    except NoGate:
        return False
    return not any(WORD_CHAR_RE.match(char) for char in chars)


def _capped(words: set[str]) -> set[str]:
    if len(words) > MAX_WORDS:
        raise NoGate
    return words
