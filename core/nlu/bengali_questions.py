"""Questions about one's records in Bengali-English ("ki ki kinsi", "koto gese", "kobe dilam"), which no English
pattern reads: Bengali puts the verb last and asks with "ki", "koto" and "kobe" where English asks first.

Bengali script reaches these patterns already spelled in Latin letters by `bengali.normalise`.
"""
from __future__ import annotations

import re
from collections.abc import Set
from datetime import datetime
from typing import Any

from core.intents import Intent
from core.nlu.bengali import EXPENSE_VERBS, INCOME_VERBS
from core.nlu.budget_talk import budget_category
from core.nlu.categories import Categoriser
from core.nlu.gates import gated
from core.nlu.ledger_talk import list_filters
from core.nlu.numbers import is_a_sum
from core.nlu.periods import find_period
from core.nlu.queries import summary_entities

# Any of these words makes a message worth the patterns below (each pattern holds one).
HINTS = frozenset({"ki", "kobe", "koto", "kon", "shesh", "sesh", "dekhao", "dekhan", "dao", "naki", "kina", "hisab",
                   "hishab", "ta", "gula", "gulo", "dam", "daam", "budget", "list", "duplicate", "bar", "lenden",
                   "besi", "beshi", "wise"})
# "rahim er kache koto pai", "koto dena": a debt between people, which the balances rules answer
DEBT_WORDS = frozenset({"pai", "pabo", "pabe", "pabi", "paba", "paona", "paowna", "dena", "dibo", "debo", "dibe",
                        "debe", "dibi", "owe", "owes"})
# "ei mashe er hisab excel e dao": a file, which the export rules answer
EXPORT_WORDS = frozenset({"excel", "csv", "pdf", "export", "sheet", "download", "xlsx", "file"})
# "kal bazar e ki ki lagbe list bana": what is still to buy, no record yet (not "… entry gula dekhao, ar ki ki lagbe")
TO_BUY_WORDS = frozenset({"lagbe", "kinbo", "anbo"})
RECORD_WORDS = frozenset({"entry", "entries", "khoroch", "hisab", "hishab", "lenden", "transaction", "transactions"})
# "iphone er dam koto", "aj sonar dam koto": a price in general, no record of one's own
PRICE_RE = gated(r"\b(?:dam|daam|price|rate|vori|bhori)\s+koto\b|\bkoto\s+(?:dam|daam)\b|"
                      r"\b(?:bhara|vara|ticket|fare)\s+koto(?:\W*$|\s+(?:hoy|lage|nibe|ney|ne)\b)")
# ("sylhet jaite bus ticket koto", "taxi fare koto hoy mirpur to motijheel"; not "… koto dilam")
RECORDS = r"(?:khoroch\w*|entr(?:y|i)\w*|bill\w*|expense\w*|transaction\w*|lenden|kena ?kata|kenakata)"
# "ki ki kinsi", "kobe dilam", "add korsi naki", "amar last 5 ta khoroch dekhao", "last 3 ta entry", "dui bar"
LIST_RE = gated(
    r"\b(?:sob|shob) (?:lenden|entry|entries)\b(?!.*\b(?:koto|clear|mitao|shodh)\b)|"
    r"\bki ki\b|\bkoto tarikh\b|\bkon ?ta\b(?! (?:nibo|nebo|nibi|nebe|kinbo|kinbi|nile|kinle|valo|bhalo))|"
    r"\bkon kon\b|\b(?:shesh|sesh) (?:entry|khoroch)\b|"
    r"\bkobe\b(?:\s+\w+){0,2}?\s+(?:dilam|disi|dichi|diyechi|dewa|deya|kinsi|kinlam|kinechi|kinsilam|kinechilam|"
    r"disilam|diyechilam|uthsi|uthechi|korsi|korlam|korechi|korsilam|paid|pay|hoise|hoyeche|add)\b|"
    r"\bki\s+(?:add|jog)\s+(?:kora|korsi|korechi|hoise|hoyeche)\b|"
    r"\b(?:add|jog|entry|record)\s+(?:korsi|korechi|kora|korlam|hoise|hoyeche|disi|dilam)\b"
    r"(?:\s+\w+){0,3}?\s+(?:naki|kina|ki)\b|\b(?:naki|kina)\b(?:\W+\w+){0,4}?\W+(?:check|dekho|dekhao)\b|"
    r"\bdui ?bar\b|\bekta ekta kore\b|\bkoto koto\b|"  # one by one, each amount
    r"\bduplicate\b|\b" + RECORDS + r"\b(?:\s+\w+){0,3}?\s+(?:dekhao|dekhan|dao|den)\b|"
    r"\b(?:last|shesh|sesh)\s+\d+\s*(?:ta|ti)\b|\blist akare\b|\b(?:dekhao|dekhan)\s+(?:amar\s+)?(?:last|shesh)\b")
# "ei mashe koto gese", "foodpanda te koto gelo", "tuition e monthly koto jai", "amar hisab ta dekhao", "family te koto
# pathaisi 2024 e", "bidyut bill e goto 6 mashe koto diyechi"
SUMMARY_RE = gated(
    r"\bkoto\b(?:\s+(?:tk|taka|৳|tk\.))?\s+(?:gese|gelo|geche|gechhe|gesilo|porlo|porse|porche|pore|holo|hoise|"
    r"hoyeche|hoy|hocche|jai|jay|jacche|lagse|laglo|legeche|lage|khoroch\w*|ay|income|earning|"
    r"(?:taka )?(?:pathaisi|pathalam|pathiyechi|dilam|diyechi|disi))\b|\bsummary\b|"
    # spending by category: "last 3 mash er khoroch category wise dekhte chai"
    r"\bkhoroch\w*(?: \w+){0,2}? (?:category|catagory|khat) ?wise\b|"
    # spending compared: "2023 er tulonay 2024 e khoroch besi na kom?"
    r"\bkhoroch\w*(?: \w+){0,2}? (?:besi|beshi|kom) na (?:kom|besi|beshi)\b|"
    # not a debt settled ("hisab mitse", "dhar shodh") nor what is owed with someone ("@ovi er sathe hisab koto")
    r"(?<!sathe )(?<!shathe )(?<!songe )(?<!sathe amar )(?<!shathe amar )(?<!songe amar )\b(?:hisab|hishab)\b"
    r"(?!(?:\W+\w+){0,4}?\W+(?:mit\w*|clear|shodh|shod|miliye|মিটা|মিটি|ক্লিয়ার))")
# "budget er koto baki ase", "bazarer budget ki shesh", "2000 taka khoroch korle ki budget par hobe", "weekly budget e
# ar koto khoroch korte parbo"
BUDGET_RE = gated(r"\bbudget\b(?:\W+\w+){0,6}?\W+(?:baki|shesh|sesh|par|cross|kon|upore|upor|(?:ar|aro) koto)\b|"
                       r"\b(?:baki|shesh|sesh|par|cross|kon)\b(?:\W+\w+){0,6}?\W+budget\b")
# A number that is no amount of a record: "last 5 ta", "১ থেকে ১০ তারিখের", "2 mashe", "100 tk er niche"
NOT_AN_AMOUNT_RE = re.compile(r"\b(?:last|shesh|sesh)\s+\d+\s*(?:ta|ti)\b|\b\d+\s*(?:theke|-)\s*\d+\s*tarikh\w*|"
                              r"\b\d+\s*(?:tarikh\w*|mash\w*|din\w*|soptah\w*|bochor\w*|months?|days?|weeks?|years?)|\b(?:19|20)\d\d\b|"
                              r"\b\d+\s*(?:tk|taka\w*|৳)?\s*(?:er\s+)?(?:niche|upore|beshi|kom)\b")
# An amount told: a number beside a verb of paying or getting, or with its currency ("chal 500 dilam", "dim 30 taka")
TOLD_RE = re.compile(r"\b(?:" + EXPENSE_VERBS + "|" + INCOME_VERBS + r")\b|\d\s*(?:tk|taka|৳|bdt|rs|\$)")
DIGIT_RE = re.compile(r"\d")
KOTO_LAST_RE = re.compile(r"\bkoto\W*$")
LAST_FEW_RE = gated(r"\b(?:shesh|sesh|last) \d+ ?ta (?:hisab|entry|entries|lenden|khoroch)(?: gula| gulo)? "
                    r"(?:dekhao|dekhan|dekhaw|dao|den|show)\b")
# "shesh entry ta muche dao" deletes, it asks for nothing
UNDO_WORDS = frozenset({"muche", "muchhe", "mucho", "muchen", "delete", "remove", "cancel", "baad"})


def bengali_question(body: str, lower: str, words: Set[str], names: list[str], now: datetime, tz: str,
                     categories: Categoriser) -> Intent | None:
    """A Bengali-English question about one's records or budget, a price asked in general, or None."""
    if words.isdisjoint(HINTS) or not words.isdisjoint(DEBT_WORDS) or not words.isdisjoint(EXPORT_WORDS) \
            or not words.isdisjoint(UNDO_WORDS) or "মুছ" in lower:
        return None
    if DIGIT_RE.search(lower) and TOLD_RE.search(rest := NOT_AN_AMOUNT_RE.sub(" ", lower)) and DIGIT_RE.search(rest):
        return None  # "ki ki kinlam? chal 500 dal 200", "dui bar rickshaw 100 taka dilam": amounts told, records
    if any(sign in lower for sign in "+*×÷%") and is_a_sum(lower):  # "500+350+1200 koto hoy": a sum, no total
        return None
    if PRICE_RE.search(lower):
        return Intent("unknown", 0.85, {"outside": "price"})
    if "budget" in words and BUDGET_RE.search(lower):
        # a category it names, never a leftover word: these questions put their verb last ("amar budget ki shesh")
        category = budget_category(lower, categories, unknown_word=False)
        return Intent("budget_status", 0.9, {"category": category} if category != "other" else {})
    summary = SUMMARY_RE.search(lower)
    listed = LIST_RE.search(lower) is not None or LAST_FEW_RE.search(lower) is not None \
        or (not DIGIT_RE.search(lower) and (  # "bazar er list chal 500": a note
            " er list" in lower or (lower.endswith("list") and TOLD_RE.search(lower) is not None)))
    if listed and (not words.isdisjoint(TO_BUY_WORDS) or "kinte hobe" in lower) and words.isdisjoint(RECORD_WORDS):
        return Intent("unknown", 0.3, {"outside": "talk"})  # a shopping list planned: no model second-guesses it
    if listed and (not (summary and summary[0].startswith(("hi", "summary")))  # "khoroch er hisab/summary dao"
                   or "ekta ekta kore" in lower  # "… hisab gulo ekta ekta kore dekhao": one by one
                   or LAST_FEW_RE.search(lower) is not None):  # "শেষ ১০টা হিসাব দেখাও": the last ten entries
        return Intent("list_entries", 0.88, list_filters(body, lower, names, now, tz, categories))
    if summary or (KOTO_LAST_RE.search(lower) and not DIGIT_RE.search(lower) and find_period(lower, now, tz)
                   and categories.guess(lower) != "other"):  # not "ajke temperature koto"
        # "cha r biscuit e ei week koto": how much, asked last, of a period (without one it may be a price)
        entities: dict[str, Any] = summary_entities(lower, names, now, tz, categories)
        return Intent("spending_summary", 0.88, entities)
    return None
