"""Typos of the words ledger questions turn on ("sepnt", "transcations", "buget") put right before the rules read them.

Only a word one slip (a letter dropped, added, changed, or two swapped) from one of `KEY_WORDS` is put right, and only
when it is no English word itself: "sending" and "moth" are words and stay as typed, "sepnding" becomes "spending".
The English words are pyspellchecker's frequency list (from OpenSubtitles), loaded once per process when the first
`Speller` is made (at start, not in the middle of a turn).
"""
from __future__ import annotations

import re
from functools import cache

# Not "cost" ("cust" is how utility staff write customer), "share" ("whare") nor "record" ("repord"): their slips are
# as often another word's.
KEY_WORDS = (
    # spending and income
    "spend", "spent", "spending", "spends", "expense", "expenses", "expenditure", "expenditures", "costs",
    "costing", "bought", "income", "earnings", "earned", "salary", "money", "dollars",
    # records
    "transaction", "transactions", "purchase", "purchases", "purchased", "charge", "charges", "charged", "payment",
    "payments", "deposit", "deposits", "refund", "refunds", "withdrawal", "withdrawals", "records", "entry",
    "entries", "receipt", "receipts", "subscription", "subscriptions", "renewal", "order", "orders", "rides",
    "activity",
    "history", "ledger", "statement", "search", "itemized", "everything", "largest", "biggest", "above", "below",
    # summaries, budgets, balances, periods
    "summary", "total", "totals", "budget", "budgets", "balance", "balances", "recent", "recently", "latest",
    "month", "months", "monthly", "week", "weekly", "yesterday", "quarter", "much", "where",
    # categories and means of payment
    "groceries", "grocery", "restaurants", "restaurant", "shopping", "transport", "category", "vacation",
    "mastercard", "sapphire", "capital", "amazon")
# A key this short ("month", "total", "week") is put right only from a dropped letter: "weve" is no "week", "totan" (a
# name) no "total"; "spend" and "spent" are too common a slip ("sepnd", "spennt") to leave so.
SHORT = 5
ANY_SLIP = frozenset({"spend", "spent"})
COMMON_FREQUENCY = 100  # seen this often in the frequency list, it is a word, not a slip ("chagres": 50 times)
WORD_RE = re.compile(r"(?<![@\w>.])[a-z]{4,}(?![\w<]|\.\w)")  # not in a handle, an address or a Teams tag
CACHE_SIZE = 20_000


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1:] for i in range(len(word))]


@cache
def _english() -> dict[str, int]:
    from spellchecker import SpellChecker  # a 0.2 s load

    return SpellChecker(language="en", distance=1).word_frequency.dictionary


class Speller:
    """Puts slips of `KEY_WORDS` right; English words are never changed."""

    def __init__(self) -> None:
        self.keys = frozenset(KEY_WORDS)
        self._one_off: dict[str, str] = {}  # a key with one letter dropped → the key
        for key in KEY_WORDS:
            for shorter in _deletions(key):
                self._one_off.setdefault(shorter, key)
        _english()  # loaded now, at start, rather than inside the first turn with a slip
        self._fine: set[str] = set(KEY_WORDS)  # words seen that stay as they are
        self._slips: dict[str, str] = {}  # words seen that are put right, and the key word each becomes

    def correct(self, text: str) -> str:
        """`text` with slips of key words put right (in lower case); the same string object when none was."""
        if text.startswith("/"):  # a command's code ("/link PURCHAZE") is no word
            return text
        lower = text.lower()
        tokens = lower.split()
        if self._fine.issuperset(tokens) or len(lower) != len(text):  # nearly every message; "İ" changes length
            return text
        if self._fine.issuperset(WORD_RE.findall(lower)):
            self._forget_when_full()
            self._fine.update(tokens)  # tokens as written ("lunch,"), so the next message's check is one lookup
            return text
        parts: list[str] = []
        kept = 0
        for match in WORD_RE.finditer(lower):
            word = match.group()
            right = self._slips.get(word) or self._learn(word)
            if right is not word:
                parts += (text[kept:match.start()], right)
                kept = match.end()
        if not parts:
            return text
        parts.append(text[kept:])
        return "".join(parts)

    def _learn(self, word: str) -> str:
        """What `word` becomes, remembered: in `_fine` when it stays, in `_slips` when it is put right."""
        self._forget_when_full()
        right = self._right(word)
        if right is word:
            self._fine.add(word)
        else:
            self._slips[word] = right
        return right

    def _forget_when_full(self) -> None:
        if len(self._fine) + len(self._slips) >= CACHE_SIZE:
            self._fine.clear()
            self._slips.clear()

    def _right(self, word: str) -> str:
        if word in self.keys or _english().get(word, 0) >= COMMON_FREQUENCY:
            return word
        key = self._one_off.get(word)  # a letter dropped ("spnt", "mnth"), not the first ("edger" is no "ledger")
        if key is not None and key[0] != word[0]:
            key = None
        if key is None and len(word) >= SHORT:
            shorter = _deletions(word)
            key = next((w for w in shorter if w in self.keys and (len(w) > SHORT or w in ANY_SLIP)), None)  # "spennt"
            if key is None:  # a letter changed, or two swapped ("sepnt", "transcations")
                key = next((k for w in shorter if (k := self._one_off.get(w)) is not None and len(k) == len(word)
                            and (len(k) > SHORT or k in ANY_SLIP) and _one_change(word, k)), None)
        return word if key is None else key


def _one_change(word: str, key: str) -> bool:
    """Words of one length one letter apart (not the first: slips rarely hit it) or with two neighbours swapped."""
    apart = [i for i, (a, b) in enumerate(zip(word, key, strict=True)) if a != b]
    if len(apart) == 1:
        return apart[0] > 0
    return len(apart) == 2 and apart[1] == apart[0] + 1 and word[apart[0]] == key[apart[1]] \
        and word[apart[1]] == key[apart[0]]
