"""The offline parser: the rules decide, and the classifier only vetoes an unsure write or names an unread question.

The rules own every entity (money, dates, mentions, ids) and the safety checks, so the classifier can never
propose a write: it may turn an unsure write into "not understood", or give a read intent (a summary, a list of
entries, balances…) to a message the rules did not understand, with the entities the rules read from it.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from core.intents import WRITE_INTENTS, Intent
from core.nlu import bengali
from core.nlu import mentions as mention_text
from core.nlu.asides import without_asides
from core.nlu.budget_talk import NOT_OWN_BUDGET_RE
from core.nlu.classifier import NOT_OURS, Guess, IntentClassifier
from core.nlu.gates import gated
from core.nlu.ledger_talk import TOTAL_RE, list_filters, records_figure, summary_or_list
from core.nlu.lookups import CUSTOMER_NUMBER_RE, people_talk, someone_elses_number
from core.nlu.not_own import NOT_MONEY_THINGS_RE, NOT_OWN_RECORDS_RE
from core.nlu.numbers import TO_COME_RE
from core.nlu.queries import JUDGED_RE, SPENT_WORD_RE, TAX_WORDS, is_question, summary_entities
from core.nlu.rules import RuleParser
from core.nlu.typos import Speller
from core.turn import Mention

# What something cost, told rather than asked ("the plumber came to 3,500", "dinner was 1200 yesterday")
STATED_COST_RE = gated(r"\b(?:came to|comes to|come to|was|were|cost|costs|amounted to|totalled|totaled)\s+"
                            r"(?:about |around |like )?(?:rs\.?\s?|tk\.?\s?|[$৳€£₹]\s?)?\d")
# Reads the classifier may name on its own: none needs an entity the message must supply.
READS = frozenset({"spending_summary", "list_entries", "balances", "budget_status", "batch_status",
                   "rcdc_dashboard", "nocs_balance", "export", "alerts_list", "smalltalk", "help", "customer_lookup"})
# A total named alone ("grand total", "ok total"): nothing to total, whatever the classifier thinks
TOTAL_ALONE_RE = re.compile(r"(?:ok(?:ay)?|grand|sub|the|so|and)? ?total\W*$")
# Intents a wrong guess of would be odd enough ("asdfgh" answered with the help text) to need more certainty.
CAREFUL = {"help": 0.85, "smalltalk": 0.85, "customer_lookup": 0.7}
SURE_WRITE = 0.75  # a write with a verb, a currency or a person behind its number (0.75+) is not second-guessed
VETO = 0.8  # the classifier's probability of "someone else's request" that turns an unsure write down
ACCEPT = 0.55  # the classifier's probability of a read intent that answers a message the rules did not read
# A question about recorded money is a total or a list of entries: the classifier's belief that it is one of the two
# is their sum ("how much did my last purchase cost": 0.51 a total, 0.45 a list, so 0.96 a ledger question).
LEDGER_READS = ("spending_summary", "list_entries")
OWN_RECORD_READS = (*LEDGER_READS, "budget_status")
OVERRULE = 0.9  # the classifier's certainty that the rules took a ledger question for the wrong one of the two
# Entities of a refusal ("1e309", "31 dec 9999") or of a matter for someone else ("why was my card declined": the
# bank's): the rules' answer stands whatever the classifier thinks.
REFUSED = frozenset({"amount_text", "currency_text", "date_text", "date_out_of_range", "outside", "plan",
                     "vague_amount", "unnamed_payer", "payer_fix"})


class OfflineParser:
    name = "rules+classifier"

    def __init__(self, rules: RuleParser, classifier: IntentClassifier | None) -> None:
        self.rules = rules
        self.classifier = classifier
        # slips of the words ledger questions turn on ("sepnd", "transcations"); English words stay as typed
        self.speller = Speller() if classifier is not None else None

    async def parse(self, text: str, *, mentions: list[Mention], now: datetime, tz: str,
                    user_key: str = "") -> Intent:
        return self.parse_sync(text, mentions=mentions, now=now, tz=tz)

    def parse_sync(self, text: str, *, mentions: list[Mention], now: datetime, tz: str) -> Intent:
        if self.speller is not None:
            text = self.speller.correct(text)
        ruled = self.rules.parse_sync(text, mentions=mentions, now=now, tz=tz)
        ruled.reason = f"rules: {ruled.name} ({ruled.confidence:.2f})"
        if self.classifier is None or not REFUSED.isdisjoint(ruled.entities):
            return ruled
        typed, text = text, without_asides(text)  # the request read as the rules read it: no "hey…", no "…thanks"
        unsure_write = ruled.name in WRITE_INTENTS and ruled.confidence < SURE_WRITE
        if ruled.name in LEDGER_READS:
            return self._total_or_list(ruled, text, typed, mentions, now, tz)
        if not unsure_write and ruled.name != "unknown":
            return ruled
        guess, view = self._guess(text, typed)
        if unsure_write:
            if guess.label == NOT_OURS and guess.probability >= VETO:
                return Intent("unknown", 0.3, parser="classifier", reason=(
                    f"rules: {ruled.name} ({ruled.confidence:.2f}), turned down: the classifier reads it as "
                    f"someone else's request (p={guess.probability:.2f} ≥ {VETO})"))
            ruled.reason += f"; classifier agrees it may be ours ({guess.label}, p={guess.probability:.2f})"
            return ruled
        needed = CAREFUL.get(guess.label, ACCEPT)
        if guess.label in LEDGER_READS and guess.probability < needed:
            other = LEDGER_READS[guess.label == LEDGER_READS[0]]
            guess = Guess(guess.label, guess.probability + self.classifier.probability(view, other))
        if guess.label in LEDGER_READS and TOTAL_ALONE_RE.match(text.lower()):
            needed = 2.0
        if guess.label == "balances" and not TAX_WORDS.isdisjoint(text.lower().split()):
            needed = 2.0  # taxes owed are no debt between people
        lower = bengali.normalise(text).lower()
        if guess.label == "customer_lookup" and (not self._customer_shaped(text) or people_talk(lower)):
            needed = 2.0  # a lookup needs a customer's number (not a phone's) asked of the bot ("… keu janen?" is not)
        if guess.label in OWN_RECORD_READS and (NOT_OWN_RECORDS_RE.search(lower) or NOT_OWN_BUDGET_RE.search(lower) or (
                NOT_MONEY_THINGS_RE.search(lower) and not SPENT_WORD_RE.search(lower))):
            needed = 2.0  # advice, a price in general, photos: the rules read a ledger question or nobody does
        if guess.label in OWN_RECORD_READS and (STATED_COST_RE.search(lower) or TO_COME_RE.search(lower)) \
                and not is_question(lower):
            needed = 2.0  # "the plumber thing last week came to 3,500" tells a cost, "team lunch kal korbo, budget
            # 3000 er moddhe" a plan: neither is a question about the records
        if guess.label in READS and guess.probability >= needed:
            why = (f"rules did not understand it; the classifier reads {guess.label} "
                   f"(p={guess.probability:.2f} ≥ {needed})")
            return self._read(guess.label, round(guess.probability, 2), why, text, mentions, now, tz)
        ruled.reason += f"; the classifier names no read intent either ({guess.label}, p={guess.probability:.2f})"
        return ruled

    def _total_or_list(self, ruled: Intent, text: str, typed: str, mentions: list[Mention], now: datetime,
                       tz: str) -> Intent:
        """The rules' ledger question, or the other of the two when the classifier is all but sure of it. What the
        classifier cannot overrule is looked at first, so it is not asked in vain."""
        if "search" in ruled.entities or "limit" in ruled.entities:
            return ruled  # narrowed to a shop the rules read, or "how much was my last purchase": theirs stands
        if ruled.name == "spending_summary" and (TOTAL_RE.search(text) or JUDGED_RE.search(text.lower())):
            return ruled  # "amount spent on…" asks for one figure, "did i buy too many donuts lately" for a judgement
        if ruled.name == "list_entries" and records_figure(text.lower()):  # a card's or named records' figure
            return ruled
        guess, _ = self._guess(text, typed)
        if guess.label not in LEDGER_READS or guess.label == ruled.name or guess.probability < OVERRULE:
            return ruled
        return self._read(guess.label, round(guess.probability, 2), (
            f"rules: {ruled.name} ({ruled.confidence:.2f}), overruled: the classifier reads {guess.label} "
            f"(p={guess.probability:.2f} ≥ {OVERRULE})"), text, mentions, now, tz)

    def _guess(self, request: str, typed: str) -> tuple[Guess, str]:
        """The classifier's guess, and the text it read: the request without its asides ("hey can you tell me …",
        "… thanks") or as typed, the surer of the two (it learnt from both kinds; "hello, anyone there" needs its
        greeting)."""
        assert self.classifier is not None
        guess = self.classifier.guess(request)
        if typed is not request:
            as_typed = self.classifier.guess(typed)
            if as_typed.probability > guess.probability:
                return as_typed, typed
        return guess, request

    def _customer_shaped(self, text: str) -> bool:
        """A customer's number: of a customer id's length, and not an order's, a parcel's or a phone's."""
        found = CUSTOMER_NUMBER_RE.search(text := bengali.normalise(text))
        return found is not None and len(found.group(1)) in self.rules.customer_id_lengths \
            and not someone_elses_number(text, found.start(1))

    def _read(self, label: str, probability: float, why: str, text: str, mentions: list[Mention], now: datetime,
              tz: str) -> Intent:
        """The read intent the classifier named, with the entities the rules read for it; a spending question is
        settled as the rules settle theirs (a card's or named records' figure is the list card)."""
        body = mention_text.clean(bengali.normalise(text), self.rules.bot_names)
        names = [m.name for m in mention_text.merge(body.mentions, mentions)]
        lower = body.text.lower()
        categories = self.rules.categories
        entities: dict[str, Any] = {}
        if label == "list_entries":
            entities = list_filters(body.text, lower, names, now, tz, categories)
        elif label == "spending_summary":
            summary = Intent(label, probability, summary_entities(lower, names, now, tz, categories),
                             parser="classifier", reason=why)
            answer = summary_or_list(summary, body.text, lower, names, now, tz, categories)
            if answer.name != label:
                answer.reason += "; a card's or named records' figure is answered with the list"
            return answer
        elif label == "customer_lookup" and (number := CUSTOMER_NUMBER_RE.search(body.text)):
            entities = {"query": number.group(1), "by": "auto", "view": "summary"}
        elif label == "export":
            entities = {"format": "xlsx" if any(w in lower for w in ("xlsx", "excel", "spreadsheet")) else "csv"}
        return Intent(label, probability, entities, parser="classifier", reason=why)
