"""The offline rule parser: intents and entities of CONTRACTS.md from keywords, money, dates and mentions."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from core.intents import Intent
from core.nlu import bengali
from core.nlu import mentions as mention_text
from core.nlu.categories import Categoriser
from core.nlu.dates import DATE_RE, PERIOD_RE, DateSpan, find_date, find_period
from core.nlu.money import ODD_NUMERAL_RE, MoneySpan, currency_of, find_money
from core.nlu.numbers import bare_number_is_amount, currency_amount_is_spent, is_a_sum_or_question, word_count
from core.turn import Mention

EXPENSE_VERBS = (r"spent|spend|paid|pay|bought|buy|purchased|cost|costs|charged|gave|split|owe|owes|lent|expense|"
                 + bengali.EXPENSE_VERBS)
INCOME_WORDS = (r"received|receive|got|earned|earn|salary|refund|refunded|income|credited|deposit|deposited|"
                r"sold|bonus|reimbursed|cashback|paycheck|" + bengali.INCOME_VERBS)
EXPENSE_VERB_RE = re.compile(rf"\b(?:{EXPENSE_VERBS})\b")
INCOME_RE = re.compile(rf"\b(?:{INCOME_WORDS})\b")
# A note as short as "lunch 250" or "uber to office 1500" needs no verb for its number to be an amount.
NOTE_MAX_WORDS = 4
SMALLTALK_RE = re.compile(
    r"^(?:hi+|hello+|hey+|yo|salam|assalamu ?alaikum|good (?:morning|afternoon|evening|night)|thanks?|"
    r"thank you|thx|ty|ok(?:ay)?|cool|great|nice|bye|see you|how are you|👍|🙏|😊)[\s!.?]*$", re.IGNORECASE)
HELP_RE = re.compile(r"^(?:/?help|/start|\?|what can you do|commands|menu|how does this work|"
                     r"how do i use (?:this|you)|what do you do)[\s!.?]*$", re.IGNORECASE)
UNDO_RE = re.compile(r"^(?:/undo|undo|oops,? undo|undo (?:that|last|my last(?: entry| one| expense)?)|"
                     r"(?:delete|remove|cancel) (?:my |the )?last(?: entry| one| expense| transaction)?)"
                     r"[\s!.]*$", re.IGNORECASE)
LINK_RE = re.compile(r"^/?link(?:\s+(?:code\s+)?(?P<code>[A-Za-z0-9]{6,12}))?\s*$", re.IGNORECASE)
SETTINGS_RE = re.compile(r"^/?(?:(?P<autosave>auto-?save)\s+(?P<on>on|off)|(?:set\s+)?(?:default\s+)?"
                         r"currency\s+(?:to\s+)?(?P<currency>[A-Za-z]{3}))\s*$", re.IGNORECASE)
CUSTOMER_RE = re.compile(r"\b(?:customer|account|acct|consumer|a/c)\s*(?:no\.?|number|id|#)?\s*[:#]?\s*(\d{4,15})\b",
                         re.IGNORECASE)
METER_RE = re.compile(r"\bmeter\s*(?:no\.?|number|id|#)?\s*[:#]?\s*(\d{4,15})\b", re.IGNORECASE)
VIEW_WORDS = {"balance": "balance", "due": "balance", "baki": "balance", "bokeya": "balance", "bill": "billing",
              "billing": "billing", "bills": "billing", "usage": "billing", "recharge": "recharge",
              "recharges": "recharge", "payments": "recharge", "info": "summary", "details": "summary",
              "detail": "summary"}
QUESTION_RE = re.compile(
    r"^(?:what|what's|whats|when|where|who|whom|whose|which|why|how|is|are|was|were|do|does|did|can|could|would|"
    r"should|will|shall|may|might|tell me|show me|give me|find|search|look up|list|create|generate|make|write|"
    r"play|set an? (?:alarm|timer|reminder)|remind|i need|i want|i'd like|i would like|help me|"
    r"please (?:find|show|tell|give)|let me know|"
    r"explain|define|convert|calculate|compute|translate|book|order|schedule|get me)\b|\?\s*$", re.IGNORECASE)
RECORD_VERB_RE = re.compile(r"\b(?:spent|paid|bought|purchased|received|earned|got paid|add|log|record|note)\b",
                            re.IGNORECASE)
COMPARATIVE_RE = re.compile(r"\b(?:under|below|less than|more than|over|above|at least|at most|within|"
                            r"top|number|no\.|last|first|every|per|between|from|chapter|page|episode|season|"
                            r"part|step|level|grade|room|floor|line|version|windows|iphone|gate|platform|flight|"
                            r"route|class|size)\s*(?:is|was|:|#)?\s*$", re.IGNORECASE)
DIGIT_RE = re.compile(r"\d")
LETTER_RE = re.compile(r"[^\W\d_]")
COMMAND_SUFFIX_RE = re.compile(r"^/(\w+)@\w+")
MONITORING_HINT_RE = re.compile(r"batch|noc|rcdc|connection|alert|subscribe|notify|job")
WORD_HINT_RE = re.compile(r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                          r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
                          r"seventy|eighty|ninety|hundred|thousand|lakh|lac|million|crore|billion)\b")
BUDGET_SET_RE = re.compile(r"\b(?:set|budget for|budget of|limit|per|a month|monthly|weekly|a week)\b|"
                           r"\bbudget\s+\w+\s+\d")
GLUED_CURRENCY_RE = re.compile(r"\b(tk|rs|bdt|usd|eur|inr|gbp|aed|sgd)\.?(?=\d)", re.IGNORECASE)
# Words dropped from a description, matched word by word (one set lookup beats a long alternation).
FILLER = frozenset(
    f"{EXPENSE_VERBS}|{INCOME_WORDS}|i|we|my|me|just|today|the|a|an|for|on|of|with|and|to|from|equally|between|"
    f"among|each|in|total|about|around|some|{bengali.FILLER}".split("|"))
WORD_TOKEN_RE = re.compile(r"\w+")
# A customer or meter id (seven digits or more) asked about in any language: "30000005 er balance koto".
LONG_ID_RE = re.compile(r"(?<![\d.,])(\d{7,15})(?![\d.,])")
LOOKUP_WORD_RE = re.compile(r"\b(?:balance|bill|billing|bills|due|dues|recharges?|usage|info|details?|customer|"
                            r"consumer|account|meter|status|check|show|find|search|lookup|" + bengali.LOOKUP_WORDS
                            + r")\b")
OWES_ME_RE = re.compile(r"^\s*@?(?P<name>[^\W\d_][\w.]*)\s+owes\s+me\b", re.IGNORECASE)


# Inline patterns, compiled once (the parser is on every turn's hot path).
WORD_RE = re.compile(r"[a-z]+")
BARE_NUMBER_RE = re.compile(r"\s*(?:(?:balance|bill|billing|recharges?|info|details)\s+(?:of|for)?\s*)?"
                              r"(\d+)\s*")
UNSUBSCRIBE_RE = re.compile(r"\b(?:unsubscribe|stop (?:sending|the)? ?(?:\w+ )?alerts|mute (?:\w+ )?alerts|"
                            r"no more (?:\w+ )?alerts)\b")
SUBSCRIBE_RE = re.compile(r"\b(?:subscribe|notify me|alert me|send me (?:the )?alerts)\b")
NOCS_RE = re.compile(r"\bnocs?\b")
RCDC_SPELLING_RE = re.compile(r"\brc\s*(?:/|&|-|and)?\s*dc\b")  # "RC/DC", "rc & dc" are "rcdc"
NOCS_AREA_AFTER_RE = re.compile(r"\b(?:for|of|in|at)\s+(?P<area>[^\W\d_][\w .'-]*?)(?:\s+nocs?)?\s*[?.!]*$",
                                re.IGNORECASE)
NOCS_AREA_BEFORE_RE = re.compile(r"(?P<area>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)\s+nocs?\b", re.IGNORECASE)
NOT_AREA = frozenset({"all", "every", "each", "the", "my", "our", "total", "overall", "show", "me", "get", "give",
                      "tell", "what", "whats", "what's", "is", "current", "latest", "today", "now", "please",
                      "summary", "by", "wise", "balance", "balances", "due", "credit", "area", "office", "zone"})
RCDC_RE = re.compile(r"\b(?:rcdc|disconnections?|reconnections?)\b")
BATCH_RE = re.compile(r"\b(?:batch(?:es)?|batch jobs?|stuck jobs?|jobs? (?:stuck|running|status))\b")
SETTLE_NOT_RE = re.compile(r"\bsettle (?:it|this|that|down|in|for|an? \w+|the (?:score|matter|argument|debate))\b")
SETTLE_RE = re.compile(r"\bsettle(?:d|s)?\b|\bsettle[- ]?up\b|\bsquare up\b|\bpaid (?:\S+ )?back\b|"
                     r"\bpay(?:ing)? (?:\S+ )?back\b")
BUDGET_RE = re.compile(r"\bbudgets?\b")
WEEK_RE = re.compile(r"week")
EXPORT_RE = re.compile(r"\b(?:export|download|csv|xlsx|excel|spreadsheet)\b")
SPREADSHEET_RE = re.compile(r"\b(?:xlsx|excel|spreadsheet)\b")
BALANCES_RE = re.compile(r"\b(?:balances|who owes (?:who|whom|what)|what do i owe|how much do i owe|owes? me|"
                      r"debts|tab|outstanding|who needs to pay)\b")
BARE_BALANCES_RE = re.compile(r"\s*/?balances?\s*")
SUMMARY_RE = re.compile(r"\b(?:summary|summarise|summarize|report|breakdown|statement)\b|"
                      r"\bhow much (?:did|have|do) (?:i|we) (?:spend|spent)\b|"
                      r"\b(?:my|our|total) (?:spending|expenses)\b|\bspending\b|\bexpenses (?:this|last)\b")
# "how much money did i spend yesterday", "what has gas cost me this week": a question about one's own spending.
SPENT_WORD_RE = re.compile(r"\b(?:spent|spend|spending|expenditures?|expenses|paid|cost(?:ing)?|costs|run me|"
                           r"ran me|dropped|money go|went on|bought|buy|buying|giving|eat(?:ing)? out|"
                           r"(?:go|went) out to eat)\b")
ASKS_RE = re.compile(r"\b(?:how much|what|where|tell me|let me know|need to know|want to know|show|list|check)\b|"
                     r"^(?:did|have|has|was|were)\b")
# "i spent a lot on groceries lately": a question about one's spending without a question word.
JUDGED_RE = re.compile(r"\b(?:lately|recently|too much|too many|a lot|more than usual|so far)\b")
# "report my lost card", "the weather report", "my spending limit", "when do i get paid": not about one's spending.
NOT_SUMMARY_RE = re.compile(r"\b(?:card|fraud\w*|lost|stolen|weather|limit|how long)\b|\bstatement (?:is|was)\b|"
                            r"\bfalse statement\b|\b(?:get|got|was|been|be) paid\b")
FIRST_PERSON_RE = re.compile(r"\b(?:i|i've|i'd|me|my|we|we've|our|us)\b")
INCOME_SUMMARY_RE = re.compile(r"\b(?:income|earn(?:ed|ings)?)\b")
BUDGET_NOISE_RE = re.compile(r"\b(?:set|budget|budgets|for|of|to|per|a|the|month|monthly|week|weekly|limit|status|"
                       r"my|our|is|how|left|remaining)\b|[\d.,]+|\S*[৳$€£₹]\S*")
SPENDING_VERB_RE = re.compile(r"\b(?:spent|bought|paid for|split)\b")
FOR_MENTION_RE = re.compile(r"\bfor\s+(?:<at>|@)", re.IGNORECASE)
CURRENCY_WORD_RE = re.compile(r"\b(?:tk|taka|bdt|usd|dollars?|bucks?|euros?|rupees?|rs)\b|[৳$€£₹]|/-", re.IGNORECASE)
# Indic vowel signs are not \w, but they end words ("রিকশা"): only spaces and punctuation are trimmed.
EDGE_PUNCT_RE = re.compile(r"^[^\w\u0900-\u0dff]+|[^\w\u0900-\u0dff]+$")
SPACES_RE = re.compile(r"\s+")
LEADING_PREPOSITION_RE = re.compile(r"^(?:at|in|on)\s+")
TOKEN_RE = re.compile(r"[^\s,.!?]+")


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
        found = self._fixed(lower, body, names, now, tz)
        if found is not None:
            return found
        if DIGIT_RE.search(body) and GLUED_CURRENCY_RE.search(body):
            cleaned, body, lower = self._cleaned(GLUED_CURRENCY_RE.sub(r"\1 ", body))
        for rule in (self._lookup, self._monitoring):
            found = rule(lower, body, names, now, tz)
            if found is not None:
                return found
        date_span = find_date(body, now, tz)
        blocked = [(s.start, s.end) for s in cleaned.mentions]
        if DIGIT_RE.search(body):  # "march 2026" holds a number that is not an amount
            blocked += [m.span() for m in PERIOD_RE.finditer(body) if DIGIT_RE.search(m.group())]
        if date_span:  # the first date is the entry's; later ones ("to march 6") are not amounts either
            blocked.append((date_span.start, date_span.end))
            blocked += [m.span() for m in DATE_RE.finditer(body, date_span.end)]
        money = find_money(body, blocked) if DIGIT_RE.search(body) or WORD_HINT_RE.search(lower) else []
        found = self._ledger_query(lower, body, names, now, tz, money)
        if found is not None:
            return found
        return self._transaction(body, cleaned, names, date_span, money)

    def _cleaned(self, text: str) -> tuple[mention_text.Cleaned, str, str]:
        """The text without the bot's own mention, and its lower-case form with "/cmd@bot" read as "/cmd"."""
        cleaned = mention_text.clean(text, self.bot_names)
        lower = cleaned.text.lower()
        if lower.startswith("/"):
            lower = COMMAND_SUFFIX_RE.sub(r"/\1", lower)
        return cleaned, cleaned.text, lower

    def _fixed(self, lower: str, body: str, names: list[str], now: datetime, tz: str) -> Intent | None:
        if not lower.strip():
            return Intent("unknown", 0.0)
        if HELP_RE.match(lower):
            return Intent("help", 0.99)
        if SMALLTALK_RE.match(lower):
            return Intent("smalltalk", 0.95)
        if UNDO_RE.match(lower):
            return Intent("undo_last", 0.97)
        typed = COMMAND_SUFFIX_RE.sub(r"/\1", body.strip())  # "/link@bot CODE", as Telegram groups send it
        if m := LINK_RE.match(typed):
            return Intent("link_account", 0.97, {"code": m["code"].upper()} if m["code"] else {})
        if m := SETTINGS_RE.match(typed):
            if m["autosave"]:
                return Intent("settings", 0.97, {"setting": "autosave", "value": m["on"].lower()})
            return Intent("settings", 0.97, {"setting": "currency", "value": m["currency"].upper()})
        return None

    def _lookup(self, lower: str, body: str, names: list[str], now: datetime, tz: str) -> Intent | None:
        if not DIGIT_RE.search(body):
            return None
        view = next((VIEW_WORDS[w] for w in WORD_RE.findall(lower) if w in VIEW_WORDS), "summary")
        if m := METER_RE.search(body):
            return Intent("customer_lookup", 0.96, {"query": m.group(1), "by": "meter", "view": view})
        if m := CUSTOMER_RE.search(body):
            return Intent("customer_lookup", 0.96, {"query": m.group(1), "by": "customer", "view": view})
        digits = BARE_NUMBER_RE.fullmatch(lower)
        if digits and len(digits.group(1)) in self.customer_id_lengths:
            return Intent("customer_lookup", 0.9, {"query": digits.group(1), "by": "auto", "view": view})
        if (m := LONG_ID_RE.search(lower)) and LOOKUP_WORD_RE.search(lower) and not CURRENCY_WORD_RE.search(lower):
            return Intent("customer_lookup", 0.85, {"query": m.group(1), "by": "auto", "view": view})
        return None

    def _monitoring(self, lower: str, body: str, names: list[str], now: datetime, tz: str) -> Intent | None:
        lower = RCDC_SPELLING_RE.sub("rcdc", lower)
        if not MONITORING_HINT_RE.search(lower):
            return None
        topic = next((t for t in ("batch", "nocs", "rcdc") if t in lower), None)
        if UNSUBSCRIBE_RE.search(lower):
            return Intent("unsubscribe_alerts", 0.9, {"topic": topic or "all"})
        if SUBSCRIBE_RE.search(lower):
            return Intent("subscribe_alerts", 0.9, {"topic": topic or "all"})
        if NOCS_RE.search(lower):
            area = _nocs_area(body)
            return Intent("nocs_balance", 0.9, {"nocs": area} if area else {})
        if RCDC_RE.search(lower):
            return Intent("rcdc_dashboard", 0.9)
        if BATCH_RE.search(lower):
            return Intent("batch_status", 0.9)
        return None

    def _ledger_query(self, lower: str, body: str, names: list[str], now: datetime, tz: str,
                      all_money: list[MoneySpan]) -> Intent | None:
        period = find_period(lower, now, tz)
        entities: dict[str, Any] = {}
        if period:
            entities["period"] = {"start": period[0].isoformat(), "end": period[1].isoformat()}
        money = [m for m in all_money if m.amount > 0 or m.numeral]
        if SETTLE_RE.search(lower) and not SETTLE_NOT_RE.search(lower) \
                and (names or not QUESTION_RE.search(lower)):
            entities.pop("period", None)
            entities["mentions"] = names
            if money:
                entities.update(_money_entities(money[0]))
            elif code := _named_currency(body):
                entities["currency"] = code
            return Intent("settle_up", 0.92 if names else 0.6, entities)
        if BUDGET_RE.search(lower):
            asks = QUESTION_RE.search(lower.rstrip("?"))
            if money and not asks and BUDGET_SET_RE.search(lower):
                category = self._budget_category(lower)
                entities = {**_money_entities(money[0]), "category": category,
                            "period_unit": "week" if WEEK_RE.search(lower) else "month"}
                return Intent("budget_set", 0.9 if category != "other" else 0.7, entities)
            if not money:
                category = self._budget_category(lower)
                return Intent("budget_status", 0.9, {"category": category} if category != "other" else {})
        if EXPORT_RE.search(lower) and not money:
            entities["format"] = "xlsx" if SPREADSHEET_RE.search(lower) else "csv"
            return Intent("export", 0.93, entities)
        if (BALANCES_RE.search(lower)
                or BARE_BALANCES_RE.fullmatch(lower)) and not money:
            return Intent("balances", 0.93, {"mentions": names} if names else {})
        spent_at = SPENT_WORD_RE.search(lower)
        asks_spent = spent_at is not None and FIRST_PERSON_RE.search(lower) is not None and (
            ASKS_RE.search(lower, 0, spent_at.start()) is not None or JUDGED_RE.search(lower) is not None)
        asked = (SUMMARY_RE.search(lower) is not None and not money) \
            or (asks_spent and not any(m.currency for m in money))
        english = asked and not NOT_SUMMARY_RE.search(lower)
        if english or (bengali.SUMMARY_RE.search(lower) and not money):
            if INCOME_SUMMARY_RE.search(lower):
                entities["direction"] = "income"
            elif (category := self.categories.guess(lower)) != "other":
                entities["category"] = category
            return Intent("spending_summary", 0.92, entities)
        return None

    def _budget_category(self, lower: str) -> str:
        words = BUDGET_NOISE_RE.sub(" ", lower).split()
        for word in words:
            if known := self.categories.known(word):
                return known
        return words[0] if words and len(words[0]) > 2 and words[0].isalpha() else "other"

    def _transaction(self, body: str, cleaned: mention_text.Cleaned, names: list[str], date_span: DateSpan | None,
                     money: list[MoneySpan]) -> Intent:
        outside_date = body[:date_span.start] + body[date_span.end:] if date_span else body
        if any(m.numeral for m in money):  # the "e" of "1e309" does not make a number on its own a sentence
            outside_date = ODD_NUMERAL_RE.sub(" ", outside_date)
        letters = LETTER_RE.search(outside_date) is not None
        word_money = [m for m in money if m.from_words]
        digit_money = [m for m in money if not m.from_words]
        lower = body.lower()
        has_verb = EXPENSE_VERB_RE.search(lower) is not None
        income = INCOME_RE.search(lower) is not None
        owed = (OWES_ME_RE.search(body) if "owes" in lower else None) \
            or (bengali.OWED_TO_ME_RE.search(body) if "kache" in lower else None)
        # a number with no currency is an amount only when the text supports it: a money verb, a person, or a note
        supported = bool(has_verb or income or names or owed) or word_count(outside_date) <= NOTE_MAX_WORDS
        usable = [m for m in digit_money if currency_amount_is_spent(body, m) and (m.currency or (
            not COMPARATIVE_RE.search(body[:m.start])
            and bare_number_is_amount(body, m, supported=supported, spending=has_verb or income)))]
        usable += [m for m in word_money if m.currency or (
            (has_verb or income) and m.amount >= 10 and bare_number_is_amount(body, m, supported=True, spending=True))]
        usable.sort(key=lambda m: m.start)
        if not usable or (not letters and not any(m.currency for m in usable)):
            return Intent("unknown", 0.2 if money else 0.1)
        if (QUESTION_RE.search(body.strip()) and not RECORD_VERB_RE.search(body)) or is_a_sum_or_question(lower):
            return Intent("unknown", 0.3)
        shares, total = self._shares(body, cleaned, usable)
        odd = next((m for m in (total, *shares.values()) if m.numeral), None)
        if odd is not None:  # the amount or a share is "1e309": refused whole, nothing is guessed from the rest
            shares, total = {}, odd
        direction = "income" if income and not SPENDING_VERB_RE.search(lower) \
            else "expense"
        entities: dict[str, Any] = {**_money_entities(total), "direction": direction}
        if total.unknown_code:
            entities["currency_text"] = total.unknown_code
        description = self._description(body, cleaned, [m for m in money if not m.numeral or m is odd], date_span)
        if description:
            entities["description"] = description
        entities["category"] = self.categories.guess(description or body, direction)
        if date_span:
            if date_span.out_of_range:
                entities["date_out_of_range"] = date_span.text
            elif date_span.value is None:
                entities["date_text"] = date_span.text
            else:
                entities["date"] = date_span.value.isoformat()
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
        confidence = 0.55 + 0.2 * (has_verb or income or bool(names)) + 0.1 * bool(total.currency) \
            + 0.1 * bool(description) - 0.15 * total.from_words
        return Intent("record_transaction", round(min(confidence, 0.97), 2), entities)

    def _shares(self, body: str, cleaned: mention_text.Cleaned,
                money: list[MoneySpan]) -> tuple[dict[str, MoneySpan], MoneySpan]:
        """Exact shares ("@karim 300 @nadia 200") and the total; a lone amount is always the total."""
        attached: dict[int, str] = {}
        for span in cleaned.mentions:
            after = next((m for m in money if 0 <= m.start - span.end <= 2), None)
            if after is not None:
                attached[id(after)] = span.name
        free = [m for m in money if id(m) not in attached]
        if not attached or (not free and len(attached) < 2):
            return {}, money[0]
        shares = {name: m for m in money if (name := attached.get(id(m)))}
        if free:
            return shares, free[0]
        total = sum((m.amount for m in money if id(m) in attached), start=money[0].amount * 0)
        currency = next((m.currency for m in money if m.currency), None)
        return shares, MoneySpan(money[0].start, money[-1].end, total, currency)

    def _description(self, body: str, cleaned: mention_text.Cleaned, money: list[MoneySpan],
                     date_span: Any) -> str:
        cut = sorted([(m.start, m.end) for m in money] + [(s.start, s.end) for s in cleaned.mentions]
                     + ([(date_span.start, date_span.end)] if date_span else []))
        pieces, last = [], 0
        for start, end in cut:
            if start >= last:
                pieces.append(body[last:start])
                last = end
        pieces.append(body[last:])
        text = " ".join(pieces)
        text = CURRENCY_WORD_RE.sub(" ", text)
        words = WORD_TOKEN_RE.sub(_without_filler, text)
        words = EDGE_PUNCT_RE.sub("", SPACES_RE.sub(" ", words))
        return LEADING_PREPOSITION_RE.sub("", words)[:200]


def _without_filler(word: re.Match[str]) -> str:
    return " " if word.group().lower() in FILLER else word.group()


def _nocs_area(text: str) -> str | None:
    """The NOCS area a message names: "nocs balance for Mirpur", "balance of mirpur nocs", "Mirpur NOCS"."""
    found = NOCS_AREA_AFTER_RE.search(text) or NOCS_AREA_BEFORE_RE.search(text)
    words = found["area"].split() if found else []
    while words and words[0].casefold() in NOT_AREA:
        words.pop(0)
    while words and words[-1].casefold() in NOT_AREA:
        words.pop()
    return " ".join(words) or None


def _named_currency(text: str) -> str | None:
    """A currency named without an amount ("settle up with @bob USD")."""
    for token in TOKEN_RE.findall(text):
        if not token.startswith("@") and (code := currency_of(token)):
            return code
    return None


def _money_entities(span: MoneySpan) -> dict[str, Any]:
    """`amount` as a plain decimal string; `amount_text` instead for a numeral that is not an amount."""
    if span.numeral:
        return {"amount_text": span.numeral, "currency": span.currency}
    return {"amount": format(span.amount, "f"), "currency": span.currency}
