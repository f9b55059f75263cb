"""The offline rule parser: intents and entities of CONTRACTS.md from keywords, money, dates and mentions."""
from __future__ import annotations

import re
from collections.abc import Set
from datetime import datetime
from typing import Any

from core.intents import Intent
from core.nlu import bengali
from core.nlu import mentions as mention_text
from core.nlu.alert_commands import monitoring_request
from core.nlu.alert_wishes import alert_wished
from core.nlu.amount_choice import a_count_first, a_factor_first, a_rate_first, counted_list, taken_back, told_total
from core.nlu.asides import total_asked, without_asides
from core.nlu.bank import bank_matter
from core.nlu.bengali_questions import bengali_question
from core.nlu.canned import COMMAND_SUFFIX_RE, fixed
from core.nlu.categories import Categoriser
from core.nlu.corrections import CORRECTION_STARTS, COUNTED_AS_HINTS, INSTEAD_STARTS, correction, said_instead
from core.nlu.dates import DateSpan, date_spans, find_date
from core.nlu.gates import gated, words_of
from core.nlu.income import a_bill_came, bought_with_got, came_in, not_received, paid_to_staff
from core.nlu.ledger_talk import entry_list, summary_or_list
from core.nlu.lookups import a_customers_number, lookup
from core.nlu.money import CURRENCY_WORD_HINT_RE, CURRENCY_WORD_RE, ODD_NUMERAL_RE, MoneySpan, find_money
from core.nlu.numbers import (
    amountless_plans,
    bare_number_is_amount,
    currency_amount_is_spent,
    is_a_plan,
    is_a_sum,
    is_a_sum_or_question,
    payment_denied,
    planned_spans,
    word_count,
    words_before,
)
from core.nlu.ops_talk import sender_will_send
from core.nlu.payers import (
    FOR_ME_RE,
    gave_for_a_thing,
    paid_for_me,
    payer_put_right,
    unnamed_payer,
    who_paid,
    without_payer,
)
from core.nlu.periods import COUNT_NAMES, numbered_period_spans
from core.nlu.queries import (
    asks_for_a_file,
    is_question,
    ledger_query,
    money_entities,
    told_after_a_request_word,
)
from core.nlu.record_parts import (
    asked_to_record,
    blanked,
    cents_written,
    clause_of,
    exact_shares,
    others_payment_asked,
    owned_id,
    priced_note,
    told_not_paid,
    trimmed,
    without_request_verb,
)
from core.turn import Mention

EXPENSE_VERBS = (r"spent|spend|paid|pay|bought|buy|purchased|cost|costs|charged|gave|split|owe|owes|lent|expense|"
                 r"forked|shelled|splurged|blew|" + bengali.EXPENSE_VERBS)
INCOME_WORDS = (r"received|receive|recieved|recived|got|earned|earn|salary|refund|refunded|income|credited|deposit|"
                r"deposited|"
                r"sold|bonus|reimbursed|cashback|paycheck|" + bengali.INCOME_VERBS)
# Words, not patterns: a message's \w runs are looked up in these (what "\b(?:spent|paid|…)\b" would find).
EXPENSE_VERB_SET = frozenset(EXPENSE_VERBS.split("|"))
INCOME_WORD_SET = frozenset(INCOME_WORDS.split("|"))
# "won 500 in the office quiz": a prize (not "5000 won", Korea's currency, "won 3 2", a score, nor "won 3 matches")
WON_RE = gated(r"\bwon (?:a |an |the )?(?:prize of )?(?:tk|rs|\$|৳|"
                    r"\d[\d,.]*(?![\d,.]|\s*[-–:]?\s*\d|\s+(?!(?:dollars|bucks|rupees|euros|pounds)\b)[^\W\d_]+s\b))")
# A note as short as "lunch 250" or "uber to office 1500" needs no verb for its number to be an amount.
NOTE_MAX_WORDS = 4
RECORD_VERB_RE = gated(r"\b(?:spent|paid|bought|purchased|received|earned|got paid|add|log|record|note)\b",
                            re.IGNORECASE)
COMPARATIVE_RE = gated(r"\b(?:under|below|less than|more than|(?<!forked )over|above|at least|at most|within|"
                            r"top|number|no\.|last|first|every|per|between|from|chapter|page|episode|season|"
                            r"part|step|level|grade|room|floor|line|version|windows|iphone|gate|platform|flight|"
                            r"route|class|size)\s*(?:is|was|:|#)?\s*$", re.IGNORECASE)
COMPARATIVE_CASED_RE = gated(COMPARATIVE_RE.pattern)  # for ASCII text in lower case: the same spans, faster
# "spent more than 500 on groceries": a bound, not an amount to record; the reply asks for the exact one
VAGUE_RE = gated(r"\b(?:under|below|less than|more than|(?<!forked )over|above|at least|at most)\s*$",
                      re.IGNORECASE)
DIGIT_RE = re.compile(r"\d")
LETTER_RE = re.compile(r"[^\W\d_]")
# Without a digit, a message can hold an amount only in words ("fifty taka", "a hundred").
NUMBER_HINT_WORDS = frozenset(
    "a an one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand lakh lac million crore "
    "billion".split())
GLUED_CURRENCY_RE = re.compile(r"\b(tk|rs|bdt|usd|eur|inr|gbp|aed|sgd)\.?(?=\d)", re.IGNORECASE)
# For ASCII text in lower case: a literal first look (fast to scan for), then the pattern without IGNORECASE.
GLUED_HINT_RE = re.compile(r"(?:tk|rs|bdt|usd|eur|inr|gbp|aed|sgd)\.?\d")
GLUED_CASED_RE = re.compile(GLUED_CURRENCY_RE.pattern)
# Words dropped from a description, matched word by word (one set lookup beats a long alternation).
FILLER = frozenset(
    f"{EXPENSE_VERBS}|{INCOME_WORDS}|i|we|my|me|just|today|the|a|an|for|on|of|with|and|to|from|equally|between|"
    f"among|each|in|total|about|around|some|{bengali.FILLER}".split("|"))
WORD_SPLIT_RE = re.compile(r"(\w+)")
OWES_ME_RE = re.compile(r"^\s*@?(?P<name>[^\W\d_][\w.]*)\s+owes\s+me\b", re.IGNORECASE)
# "have i paid the gym this month", "did i already add the electric bill": a record asked after
RECORD_CHECK_WORDS = frozenset({"paid", "pay", "settled", "settle", "add", "added", "record", "recorded", "log",
                                "logged", "enter", "entered", "save", "saved", "come", "came", "arrived", "landed"})
LIST_HINTS = frozenset({"transaction", "transactions", "tranaction", "tranactions", "transactoin", "transactoins",
                        "entries", "entry", "expenses", "purchases", "purchase", "records", "payments", "charges",
                        "spend", "spent", "buy", "bought", "purchased", "items", "withdrawals", "deposits", "debits",
                        "charge", "charged", "billed", "payment", "debit", "receipt", "receipts", "swipe", "swipes",
                        "order", "orders", "reload", "deposit", "activity", "ordered", "lines", "line", "time",
                        "merchants", "stores", "shops", "places", "everywhere", "card", "account", "statement",
                        "refund", "refunds", "disbursements", "checking", "savings", "visa", "amex", "mastercard",
                        "discover", "txn", "txns", "took", "chrage", "chraged", "cash", "atm",
                        "settlements", "buys", "expense", "itemize", "itemized", "itemise", "itemised", "outgoings",
                        "list", "through", "history", "search", "find"})
# "what did i pay for the flight", "when i last paid the water bill"; with a number, "paid 500 for lunch" is a record
PAID_WORDS = frozenset({"pay", "paid"})
FIGURE_WORDS = frozenset({"much", "sum", "total", "amount"})  # "how much was…", "the sum of my last four grocery trips"
# Nouns and verbs of records a figure is asked of ("how much was the internet bill", "how much did my last 2 uber
# rides cost", "how much did i drop at target"): worth a list's look only beside "how much".
FIGURE_LIST_HINTS = frozenset({"drop", "dropped", "blow", "blew", "rides", "ride", "trips", "trip", "visits", "visit",
                               "thing", "things", "bill", "ticket", "tickets", "run", "runs", "pay", "tab", "fare",
                               "rental", "meal", "dinner", "lunch", "stay", "amount", "cost", "total"})


# Spending said outright: with one of these, "salary" or "refund" is money paid out ("paid for the refund desk")
SPENDING_VERB_RE = gated(r"\b(?:spent|bought|(?<!got )(?<!get )(?<!gets )(?<!been )(?<!getting )paid for|split)\b")
# … and money given in Bengali-English ("driver er salary 12000 dilam"), unless it was also received ("salary pelam
# 30000, bazar e 2000 dilam" is the salary)
GIVEN_RE = gated(r"\b(?:dilam|disi|dichi|diyechi|pathalam|pathaisi)\b")
# (a thing sold, "bikri kore dilam", "bechi dilam": its price came in)
RECEIVED_RE = gated(r"\b(?:pelam|paisi|peyechi|pailam|received|got|ashlo|aslo|credited|bikri kore (?:dilam|disi)|"
                         r"bechi (?:dilam|disi))\b(?! na\b)")
FOR_MENTION_RE = gated(r"\bfor\s+(?:<at>|@)", re.IGNORECASE)
# a Bengali verb of paying or getting, denied right after it ("আজ বাজার ৫০০ টাকা দিলাম না"): nothing to record
NOT_PAID_RE = gated(r"\b(?:dilam|disi|diyechi|korlam|korsi|kinlam|kinsi|pathalam|pathaisi|pelam|paisi) na\b")
LEADING_PREPOSITION_RE = gated(r"^(?:at|in|on|as)(?:\s+|$)")


class RuleParser:
    name = "rules"

    def __init__(self, *, customer_id_lengths: tuple[int, ...] = (8, 10), bot_names: frozenset[str] = frozenset(),
                 categories: Categoriser | None = None) -> None:
        self.customer_id_lengths = customer_id_lengths
        self.bot_names = bot_names
        self.categories = categories or Categoriser()

    async def parse(self, text: str, *, mentions: list[Mention], now: datetime, tz: str,
                    user_key: str = "") -> Intent:
        return self.parse_sync(text, mentions=mentions, now=now, tz=tz)

    def parse_sync(self, text: str, *, mentions: list[Mention], now: datetime, tz: str) -> Intent:
        cleaned, body, lower = self._cleaned(bengali.normalise(text))
        names = [m.name for m in mention_text.merge(cleaned.mentions, mentions)]
        # commands see the text as typed: a link code such as "RS7R6ZC4" is not "rs 7" followed by letters
        found = fixed(lower, body)
        if found is not None:
            return found
        typed = lower  # "let me know if a batch fails": an aside's words may be the request's own
        if (request := without_asides(body)) is not body:  # "hey can you tell me …", "… thanks"
            cleaned, body, lower = self._cleaned(request)
            if (found := fixed(lower, body)) is not None:  # "hey, help"
                return found
        if cleaned.mentions and cleaned.mentions[0].start == 0 and mention_text.asked_of(lower, cleaned.mentions[0]):
            return Intent("unknown", 0.3, {"outside": "talk"})  # "@nadia did you book the hotel yet?": to nadia
        if (wished := alert_wished(typed)) is not None:
            return wished
        first = lower.split(None, 1)[0].strip(",.!") if lower else ""
        if (first in CORRECTION_STARTS or any(hint in lower for hint in COUNTED_AS_HINTS)
                or ((first.startswith(INSTEAD_STARTS) or " na " in lower or " na," in lower)
                    and said_instead(body))) \
                and (found := correction(body, now, tz, self.categories)) is not None:  # "2500 not 250" too
            return found
        if payer_put_right(lower):  # "rafi paid, not me": who paid is no field a correction changes
            return Intent("unknown", 0.3, {"payer_fix": True})
        if (asked := total_asked(body, lower)) is not None:
            head, items = asked
            if items == 1 and (recorded := self.parse_sync(head, mentions=mentions, now=now, tz=tz)).name \
                    == "record_transaction":
                return recorded  # "ajke lunch 250 dilam, total koto": the record first, the total one question away
            if items > 1:  # "lunch 250, dinner 400, total koto": a sum, which no model reads as a summary
                return Intent("unknown", 0.3, {"outside": "sum"})
        digits = DIGIT_RE.search(body) is not None
        if digits and (_glued_ascii(body.lower()) if body.isascii() else GLUED_CURRENCY_RE.search(body)):
            cleaned, body, lower = self._cleaned(GLUED_CURRENCY_RE.sub(r"\1 ", body))
            digits = DIGIT_RE.search(body) is not None
        if digits and (found := lookup(lower, body, self.customer_id_lengths)) is not None:
            return found
        if (found := monitoring_request(lower, body)) is not None:
            return found
        words = words_of(lower)  # shared with the word gates, which read the same text
        if not digits and sender_will_send(lower, words):  # "sir, summary ta kal sokale pathabo": the sender's own plan
            return Intent("unknown", 0.3, {"outside": "talk"})
        if bank_matter(lower, words, bool(digits)):
            return Intent("unknown", 0.9, {"outside": "bank"})  # sure it is not ours: no model second-guesses it
        if (found := bengali_question(body, lower, words, names, now, tz, self.categories)) is not None:
            return found  # "ki ki kinsi", "koto gese": asked the Bengali way, verb last
        listed = not words.isdisjoint(LIST_HINTS) or ((first in ("have", "did", "has") or "been" in words)
                                                      and not words.isdisjoint(RECORD_CHECK_WORDS)) \
            or (not digits and not words.isdisjoint(PAID_WORDS)) or (first == "what" and "get" in words) \
            or (not words.isdisjoint(FIGURE_WORDS) and not words.isdisjoint(FIGURE_LIST_HINTS))
        if listed and not asks_for_a_file(lower, words) \
                and (found := entry_list(body, lower, names, now, tz, self.categories)) is not None:
            return found
        money: list[MoneySpan] = []
        date_span = None  # the entry's date: only a record has one, and only a text with an amount is a record
        if digits or not words.isdisjoint(NUMBER_HINT_WORDS):
            date_span = find_date(body, now, tz)
            blocked = [(s.start, s.end) for s in cleaned.mentions]
            if digits or not words.isdisjoint(COUNT_NAMES):  # "march 2026", "the past two weeks": no amounts
                blocked += numbered_period_spans(body)
            if date_span:  # the first date is the entry's; later ones ("to march 6") are not amounts either
                blocked.append((date_span.start, date_span.end))
                blocked += date_spans(body, date_span.end)
            money = find_money(body, blocked)
        found = ledger_query(lower, words, body, names, now, tz, money, self.categories)
        if found is not None and found.name == "spending_summary":
            return summary_or_list(found, body, lower, names, now, tz, self.categories)
        if found is None and digits and (plans := amountless_plans(lower)):  # "i'll pay rent tomorrow and paid 300
            body, lower = blanked(body, plans), blanked(lower, plans)  # for groceries today": the 300, today
            words, date_span = words_of(lower), find_date(body, now, tz)
        found = found or self._transaction(body, lower, words, cleaned, names, date_span, money)
        if found.name in ("record_transaction", "settle_up") and is_a_plan(lower, words):
            return Intent("unknown", 0.3, {"plan": found.name})  # "tomorrow i'll pay the 2000 rent": not yet paid
        return found

    def _cleaned(self, text: str) -> tuple[mention_text.Cleaned, str, str]:
        """The text without the bot's own mention, and its lower-case form with "/cmd@bot" read as "/cmd"."""
        cleaned = mention_text.clean(text, self.bot_names)
        lower = cleaned.text.lower()
        if lower.startswith("/"):
            lower = COMMAND_SUFFIX_RE.sub(r"/\1", lower)
        return cleaned, cleaned.text, lower

    def _transaction(self, body: str, lower: str, words: Set[str], cleaned: mention_text.Cleaned, names: list[str],
                     date_span: DateSpan | None, money: list[MoneySpan]) -> Intent:
        """`words` are the \\w runs of `lower`, the lower case of the message as the other rules read it."""
        outside_date = body[:date_span.start] + body[date_span.end:] if date_span else body
        if any(m.numeral for m in money):  # the "e" of "1e309" does not make a number on its own a sentence
            outside_date = ODD_NUMERAL_RE.sub(" ", outside_date)
        letters = LETTER_RE.search(outside_date) is not None
        word_money = [m for m in money if m.from_words]
        digit_money = [m for m in money if not m.from_words]
        if (folded := body.lower()) != lower:  # "/cmd@bot …" was read as "/cmd …"
            lower, words = folded, words_of(folded)
        for_me = paid_for_me(body, words)  # "mitu amar jonno 250 dise": paid, by someone else
        gave = gave_for_a_thing(body, words, self.categories) if for_me is None else None  # "rafi 500 dise taxi te"
        if for_me is None and unnamed_payer(body, lower, words, self.categories):
            return Intent("unknown", 0.3, {"unnamed_payer": True})  # "she paid 500 for me": whom is owed?
        has_verb = not words.isdisjoint(EXPENSE_VERB_SET) or for_me is not None or gave is not None or (
            "khoroch" in words and "budget" not in words and bengali.SPENT_DONE_RE.search(lower) is not None)
        bill_came = a_bill_came(lower, words)
        if bill_came and not has_verb:
            return Intent("unknown", 0.3)  # "customer bolche bill 4800 asche": a bill, nothing paid yet
        if not money or (not has_verb and counted_list(outside_date, money)):
            return Intent("unknown", 0.1)  # no amount: what the rest reads could not make a record
        income = ((not words.isdisjoint(INCOME_WORD_SET) and not not_received(lower, words, words & INCOME_WORD_SET))
                  or ("won" in words and WON_RE.search(lower) is not None)
                  or came_in(lower, words, has_verb)) and not paid_to_staff(lower, words) and not bill_came
        owed = (OWES_ME_RE.search(body) if "owes" in lower else None) \
            or (bengali.OWED_TO_ME_RE.search(body) if "kache" in lower else None)
        # a number with no currency is an amount only when the text supports it: a money verb, a person, or a note
        supported = bool(has_verb or income or names or owed) or word_count(outside_date) <= NOTE_MAX_WORDS \
            or asked_to_record(outside_date, words) or priced_note(outside_date, words, self.categories)
        comparative, read = (COMPARATIVE_CASED_RE, folded) if body.isascii() else (COMPARATIVE_RE, body)
        usable, vague = [], None
        note_end = date_span.start if date_span and not body[date_span.end:].strip(" .!") else None
        for m in digit_money:
            before = words_before(body, m.start)  # the words both checks read
            bounded = comparative.search(read, 0, m.start) is not None
            if currency_amount_is_spent(body, m, before) and (m.currency or m.marked or (
                    not bounded and bare_number_is_amount(body, m, supported=supported, spending=has_verb or income,
                                                          before=before, note_end=note_end))):
                usable.append(m)
            elif bounded and vague is None and VAGUE_RE.search(body, 0, m.start):
                vague = m
        usable += [m for m in word_money if m.currency or (
            (has_verb or income) and m.amount >= 10 and bare_number_is_amount(body, m, supported=True, spending=True))]
        with_currency = any(m.currency for m in usable)  # a customer's id beside money said so is no amount
        usable = sorted((m for m in usable if not owned_id(lower, words, m, alone=len(usable) == 1)
                         and not a_customers_number(body, words, m, self.customer_id_lengths,
                                                    money_beside=with_currency)),
                        key=lambda m: m.start)
        if len(usable) >= 2 and len(lower) == len(body) and (planned := planned_spans(lower)) \
                and (paid := [m for m in usable if not any(start <= m.start < end for start, end in planned)]) \
                and len(paid) < len(usable):  # "kal rent 5000 dibo, bazar 2000 dilam": the 2000, its words and day
            usable = paid
            body = blanked(body, planned)
            if date_span is not None and any(start <= date_span.start < end for start, end in planned):
                date_span = None
        while len(usable) >= 2 and (a_count_first(body, usable[0]) or a_factor_first(body, usable[0])):
            usable = usable[1:]  # "2 coffee 240", "2 burger 1 coke 560": how many, then what was paid
        if len(usable) >= 2 and a_rate_first(body, usable):
            usable = usable[1:]  # "meal rate 85 tk, ami 3400 dilam": a rate, then what was paid
        if len(usable) >= 2 and "total" in words:  # "per piece 450, total 5400 dilam": the total
            usable = told_total(body, usable)
        struck = taken_back(body, usable)  # "lunch 320 na na 350", "500 no wait 550"
        if struck:
            usable = [m for m in usable if not any(start == m.start for start, _ in struck)]
            restart = struck[-1][1]  # the message said again from the amount said instead
            restarted = " " * restart + body[restart:]
            while len(usable) >= 2 and usable[0].start >= restart and a_count_first(restarted, usable[0]):
                usable = usable[1:]  # "coffee 120 actually 2 coffee 240": how many, then the 240
        if not usable and vague is not None and (has_verb or income) and not is_question(body.strip()):
            return Intent("unknown", 0.3, {"vague_amount": format(vague.amount, "f")})
        if not usable or (not letters and not any(m.currency for m in usable)):
            return Intent("unknown", 0.2, {"outside": "sum"} if is_a_sum(lower) else {})
        if (is_question(body.strip()) and (not RECORD_VERB_RE.search(body) or others_payment_asked(lower))
                and not told_after_a_request_word(lower)) \
                or is_a_sum_or_question(lower):
            return Intent("unknown", 0.3, {"outside": "sum"} if is_a_sum(lower) else {})
        shares, total = exact_shares(cleaned, usable)
        odd = next((m for m in (total, *shares.values()) if m.numeral), None)
        if odd is not None:  # the amount or a share is "1e309": refused whole, nothing is guessed from the rest
            shares, total = {}, odd
        clause = clause_of(blanked(lower, struck), total.start)  # "bazar e 2000 dilam, salary pelam 30000": the
        # 2000's own verb; not a verb taken back with its amount ("500 dilam na 600")
        if (" na" in clause and NOT_PAID_RE.search(clause)) or payment_denied(lower[:total.start], words):
            return Intent("unknown", 0.3)  # "bazar e 500 dilam na", "i never paid the 500": not paid
        if told_not_paid(lower, words, total, paying=has_verb or income):
            return Intent("unknown", 0.3, {"outside": "talk"})  # "she says she paid 2500", "meter reading … 18452"
        given = SPENDING_VERB_RE.search(lower) or (GIVEN_RE.search(clause) and not RECEIVED_RE.search(clause)) \
            or bought_with_got(clause)
        direction = "income" if income and not given else "expense"
        entities: dict[str, Any] = {**money_entities(total), "direction": direction}
        if total.unknown_code:
            entities["currency_text"] = total.unknown_code
        description = self._description(blanked(body, struck), cleaned,
                                        [m for m in money if not m.numeral or m is odd], date_span)
        if description:
            entities["description"] = description
        entities["category"] = self.categories.guess(description or body, direction)
        if date_span:
            entities.update(date_span.entities())
        payer = None if owed else who_paid(body, lower, cleaned, for_me or gave, EXPENSE_VERB_SET)
        if payer is not None:
            entities["payer"] = payer
            if for_me is not None or FOR_ME_RE.search(lower):
                entities["split"] = "for"  # "bob paid 400 for me", "mitu amar jonno 250 dise": all the sender's
            names = [n for n in names if n.lower() != payer.lower()]
            if description := without_payer(entities.get("description", ""), payer):
                entities["description"] = description
            else:
                entities.pop("description", None)
        if owed and not names:  # "karim er kache 300 pai": karim, named without @, owes all of it
            names = [owed["name"]]
            entities["description"] = f"{owed['name']} owes me"
        if names:
            entities["mentions"] = names
        if owed:
            entities["split"] = "for"
        if shares:
            entities["shares"] = {name: format(span.amount, "f") for name, span in shares.items()}
        if names and FOR_MENTION_RE.search(body) and not shares:
            entities["split"] = "for"
        supported_by = has_verb or income or bool(names)
        confidence = 0.55 + 0.2 * supported_by \
            + 0.1 * bool(total.currency or (not supported_by and cents_written(body, words, total))) \
            + 0.1 * bool(description) - 0.15 * total.from_words
        return Intent("record_transaction", round(min(confidence, 0.97), 2), entities)

    def _description(self, body: str, cleaned: mention_text.Cleaned, money: list[MoneySpan],
                     date_span: Any) -> str:
        # the date's own "'s" goes with it ("today's lunch 300": "lunch")
        dated = [(span.start, span.end + 2 * body.startswith(("'s", "’s"), span.end)) for span in (date_span,) if span]
        cut = sorted([(m.start, m.end) for m in money] + [(s.start, s.end) for s in cleaned.mentions] + dated)
        pieces, last = [], 0
        for start, end in cut:
            if start >= last:
                pieces.append(body[last:start])
            last = max(last, end)  # overlapping spans ("two 500": "two " and " 500") are cut as one
        pieces.append(body[last:])
        text = " ".join(pieces)
        if not text.isascii() or CURRENCY_WORD_HINT_RE.search(text.lower()):
            text = CURRENCY_WORD_RE.sub(" ", text)
        pieces = WORD_SPLIT_RE.split(text)  # between the words, then a word, …: a word at every odd index
        pieces[1::2] = [" " if word.lower() in FILLER else word for word in pieces[1::2]]
        words = without_request_verb(trimmed(" ".join("".join(pieces).split())), body)
        if words[:2] in ("at", "in", "on", "as"):
            words = LEADING_PREPOSITION_RE.sub("", words)
        return words[:200]


def _glued_ascii(lower: str) -> bool:
    return GLUED_HINT_RE.search(lower) is not None and GLUED_CASED_RE.search(lower) is not None

