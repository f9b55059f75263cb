"""Ledger questions and commands: settle up, budgets, export, balances and spending summaries."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from datetime import datetime, timedelta
from typing import Any

from core.intents import Intent
from core.nlu import bengali
from core.nlu.budget_talk import (
    BUDGET_TALK_RE,
    BUDGET_WORDS,
    about_a_budget,
    asked_to_set,
    budget_category,
    budget_set_said,
    budget_unit,
    named_food,
)
from core.nlu.categories import Categoriser
from core.nlu.dates import MONTH_NAME, local_today
from core.nlu.gates import gated
from core.nlu.lookups import customers_payment_told
from core.nlu.money import MoneySpan, currency_of
from core.nlu.not_own import ADVICE, ADVICE_RE, NOT_MONEY, OTHERS_SPENDING
from core.nlu.periods import find_period
from core.nlu.record_parts import SENDER_VERB_RE, clause_of
from core.nlu.settlements import BACK_HOME_RE, may_settle, settlement

# "^(?:what|…)\b|\?\s*$" as two patterns: the start is one match at 0, the end only worth a look when "?" is there.
QUESTION_START_RE = re.compile(
    r"(?:what|what's|whats|wats|whts|wht|wat|when|where|who|whom|whose|which|why|how|is|are|was|were|do|does|did|"
    r"if|whether|"
    r"have (?:i|we)|has|can|"
    r"could|would|"
    r"should|will|shall|may|might|tell me|show me|give me|find|search|look up|list|create|generate|make|write|"
    r"play|set an? (?:alarm|timer|reminder)|remind|i need|i want|i'd like|i would like|help me|"
    r"please (?:find|show|tell|give)|let me know|"
    r"explain|define|convert|calculate|compute|translate|book|order|schedule|get me)\b", re.IGNORECASE)
EMOJI_CATEGORIES = frozenset({"So", "Sk", "Mn", "Cf"})  # emoji, skin tones, variation selectors, joiners
# "joy er sathe settle hoise naki", "bazar 500 dilam naki": asked, not told (one clause: "ami 500 dilam, tumi dibe naki"
# tells, then asks); a proposal ("settle kore feli naki") is no question about what was done
BENGALI_ASKED_RE = re.compile(r"^[^,.;!]*\b(?:dilam|disi|dichi|diyechi|korlam|korsi|korechi|kinlam|kinsi|kinechi|hoise|"
                              r"hoyeche|hoyse|holo|gese|geche|dise|diyeche|pelam|paisi|peyechi|ase|ache|add)\s+"
                              r"(?:naki|kina)\W*$")
SPREADSHEET_RE = gated(r"\b(?:xlsx|excel|spreadsheet)\b")
BALANCES_RE = gated(r"\b(?:balances|who owes (?:who|whom|what)|what do i owe|how much do i owe|owes? me|"
                         r"(?:sathe|shathe|songe) (?:amar )?(?:hisab|hishab) koto|"
                         # "shakil ar amar hisab ki clear?", "sumoner sathe hisab ki mite geche?": settled, asked
                         r"(?:hisab|hishab) ki (?:clear|mite geche|mitse|miteche|mitlo)(?= ?\?|$)|"
                         r"debts|tab|outstanding|who needs to pay|"
                         r"(?:my|our|the|account) balances? with(?! (?:the |my )?(?:bank|lender|card|account)))\b|"
                         # "trip e keu ki amar kache taka pay?": anyone owed by the sender, asked in Bengali-English
                         r"\b(?:amar|amake) kache (?:\w+ )?(?:taka )?(?:pay|pai|pabe|paba|pabo)\b|"
                         # "how much tarek still owes us", "are me and rina even now", "total koto pabo sobar theke"
                         r"\bhow much (?!(?:i|we|do|does|did)\b)\w+ still owes?\b|\bowes? us\b|"
                         r"\b(?:are|r) (?:me|i|we) and \w+ even\b|"
                         r"\bare \w+ and (?:i|me) even\b|\bkoto (?:taka )?pabo (?:sobar|shobar)\b|"
                         r"\bpabo (?:sobar|shobar) (?:theke|kache|kach)\b|"
                         r"\b(?:sobar|shobar) (?:theke|kache|kach theke) (?:\w+ )?koto (?:taka )?pabo\b")
BARE_BALANCES_RE = re.compile(r"\s*/?balances?\s*")
# "income against expenses": both kinds side by side, so a summary in no one direction
BOTH_KINDS = r"\b(?:income|earnings) (?:against|vs\.?|versus|compared (?:to|with)) (?:my |our )?(?:expenses|spending)\b"
BOTH_KINDS_RE = gated(BOTH_KINDS)
SUMMARY_RE = gated(r"\b(?:summary|summarise|summarize|report|breakdown|statement)\b|\boverview of (?:my|our|the) "
                        r"(?:\w+ )?(?:spending|expenses|money|finances|purchases|transactions|income)\b|\bmy share\b|"
                        r"\b(?:my|our) (?:income|earnings)\b|\bhow much (?:on|for|in) (?:the )?\w+ (?:this|last)\b|"
                        r"\bhow much (?:did|have|do) (?:i|we) (?:spend|spent)\b|"
                        r"\b(?:my|our|total) (?:spending|expenses)\b|\bspending\b|\bexpenses (?:this|last)\b|"
                        r"\btotal (?:spend|spent|money spent)\b|\boutgoings\b|\bamount (?:i |we )?spent\b|"
                        r"\badds? up\b|\badded up\b|\bsum of (?:all )?(?:my|our|the)\b|"
                        r"\btotal (?:i|we) (?:spent|paid)\b|\btotal (?:of|for) (?:all )?(?:my|our)\b|"
                        r"\bhow much (?:money )?(?:did|have|do) (?:i|we) (?:make|made|earn|earned)\b|"
                        r"\bwhat (?:did )?(?:i|we) earn(?:ed)?\b|\b(?:show|tell)(?: me)? what (?:i|we) made\b|"
                        r"\bwhat (?:did|have) (?:i|we) (?:make|made) "
                        r"(?:in|during|over|so far|(?:the )?(?:last|this|past))\b|"
                        r"\b(?:where|wher|were) (?:is|does|did|do|has) (?:all |the bulk of |most of )?(?:my|our) money "
                        r"(?:go|going|gone|went)\b|"
                        r"\bhow much (?:income|money) (?:did |have )?(?:i|we) (?:received?|got)\b|"
                        r"\boutlays\b|\bsp(?:endng|edning) history\b|"
                        # said without a spender ("how much was spent on food", "how much has gone on eating out")
                        r"\bhow much (?:money )?(?:was|were|has been|have been|got|is being) spent\b|"
                        r"\b(?:what(?:'s| is| was)|tell me) the damage (?:on|for|from)\b(?!.*\btax)|"
                        r"\b(?:my|our) spend (?:on|for|this|last|in|so far)\b|"
                        + BOTH_KINDS + "|"
                        # a category's total ("groceries total this week", "what did my groceries total")
                        r"\btotal (?:for (?:the |my )?\w+ )?(?:this|last)\b|\b(?:did|do|does) (?:my|our|the) \w+ "
                        r"total\b|\b(?:my|the) \w+ total (?:for|this|last|so far)\b|"
                        r"\btally up my (?:\w+ )?(?:expenses|spending|purchases|costs)\b|"
                        # short and spoken forms: "how much on uber", "amount on food", "food costs?", "spent how much
                        # on food?!", "what did my groceries come to", "my burn rate", "month to date spend"
                        r"\bhow much (?:money )?(?:on|at) (?!average\b|all\b|once\b|bills?\b|top\b|earth\b|minimum\b|"
                        r"maximum\b|most\b|least\b|best\b|first\b|times?\b|the end\b|the (?:start|beginning)\b|stake\b|"
                        r"home\b|this\b|that\b|hold\b|call\b|hand\b|risk\b|work\b|the way\b)"
                        r"(?:the |my )?\w+|"
                        r"\bhow much (?:money |cash )?(?:went|has gone|have gone) (?:on|to|towards|into)\b(?! waste\b)|"
                        r"\bhow many (?:bucks|dollars|taka|rupees|euros) (?:did|have) (?:i|we) "
                        r"(?:spend|spent|pay|paid|drop|dropped|blow|blew)\b|"
                        r"\bmy total for (?:my |the )?(?!bill\b)\w+|"
                        r"\b(?:spent|spend|paid) how much\b|"
                        r"\bhow much did (?:my |our |the )?(?!(?:\w+ ){0,2}?(?:bill|charge|receipt|tab|order|it)\b)"
                        r"(?:\w+ ){1,2}?(?:come to|add up)\b|"
                        r"\bwhat did (?:my|our) (?!(?:\w+ ){0,2}?(?:bill|charge|receipt|tab|order)\b)(?:\w+ ){1,2}?"
                        r"(?:come to|add up)\b|\b(?:adds?|added) up to how much\b|\b(?:comes?|came) to how much\b|"
                        r"\bhow much damage (?:did|have) (?:i|we)\b|\b(?:my|our) burn rate\b|"
                        r"\b(?:month|year) to date (?:spend|spending|expenses|spent)\b|"
                        r"\b(?:mtd|ytd) (?:spend|spending|expenses)\b")
# Said from its first word ("amount on food", "food costs?", "apollo pharmacy total"): apart, for SUMMARY_RE's scan
SUMMARY_START_RE = re.compile(r"(?:amount (?:spent )?on|(?:total |amount )?spent on)\b|"
                              r"(?!(?:ok|okay|grand|sub|bill|the|a|my|in|what|i|that'?s|thats|keep|sorry|forgot)\b)"
                              r"(?:[^\W\d_][\w'-]* ){1,4}(?<!the )(?<!a )(?<!running )(?<!wrong )total\W*$|"
                              r"(?:my|our) \w+ costs(?: (?:this|last|so far) \w+)?\W*$|\w+ costs\s*\?")
# Income, though not said so: "how much did i make in tips", "how much money went into my account"
EARNED_RE = gated(r"\bhow much (?:money )?(?:did|have|do) (?:i|we) (?:make|made)\b|"
                  r"\b(?:show|tell)(?: me)? what (?:i|we) made\b|"
                  r"\bwhat (?:did|have) (?:i|we) (?:make|made) (?:in (?:the )?|during (?:the )?|over (?:the )?|"
                  r"so far|(?:the )?(?:last|this|past) )(?:\w+ )?(?:week|month|year|quarter|(?:19|20)\d\d|"
                  + MONTH_NAME + r")\b|"
                  r"\bmoney (?:went|came|has come|have come|has gone|come|comes|coming|goes|going) in(?:to)? "
                  r"(?:my|our) (?:account|bank|wallet)\b|\b(?:was|were|got|been) deposited\b")
# "how much money did i spend yesterday", "what has gas cost me this week": a question about one's own spending.
SPENT_WORD_RE = gated(r"\b(?:spent|spend|spending|spedning|spendng|spnd|spnt|spening|spendin|outlays?|"
                           r"expenditures?|expenses|paid|cost(?:ing)?|costs|run me|"
                           r"ran me|dropped|(?:money|cash|funds|dough|dollars) (?:been )?(?:go|goes|going|went)|"
                           r"went on|bought|buy|buying|giving|eat(?:ing)? out|"
                           r"(?:go|going|went) out to eat|blow|blew|blown|blowing|shell(?:ed|ing)? out|"
                           r"burn(?:ed|t)? through|thr(?:own|ew|ow) (?:away )?(?:at|on)|set (?:me|us) back|"
                           r"(?:did|have) (?:i|we) (?:\w+ )?pay (?:for|on|towards?)"
                           r"(?! (?:my|the|our) (?:very )?(?:last|latest|most recent|previous)\b)|"
                           r"splurg(?:e|ed|es|ing)|used (?:my|our) (?:\w+ )?money|money (?:have|did) (?:i|we) used?|"
                           r"(?:have|did) (?:i|we) used? (?:on|for|towards?)\b|"
                           r"order(?:ed|ing)? (?:in|take ?out|delivery|food)|rack(?:ed)? up|r[au]n up|"
                           r"fork(?:ed|ing)? (?:out|over)|"
                           r"(?:go|going|gone|went) (?:crazy|nuts|wild|overboard) (?:on|at|with)|"
                           r"(?:putting|put|dumping|dumped|pouring|poured|sinking|sunk) (?:\w+ ){0,3}?(?:money|cash) "
                           r"(?:into|in|on|towards?)|"
                           r"pa(?:y|id|ying) out (?:on|for)|parted with|overspen[dt]|overspending|"
                           r"(?:go|went|going|gone) shopping (?:too|so|a lot|more)|"
                           r"draining (?:my|our) (?:wallet|account|bank account|savings|money)|"
                           r"(?:portion|percentage|share|fraction|part|chunk) of (?:my|our) (?:income|paycheck|salary|"
                           r"pay|earnings|money) (?:went|goes|go|has gone|is going)|"
                           r"money went out|outgoings|money went (?:to|towards|into)|put (?:on|toward|towards|into)|"
                           r"(?:gone|go|went) through|drop|dropped|waste|wasted|wasting)\b")
# "spent on food this week?", "splurged on shoes this month?": a question by its mark alone
SPENT_ASKED_RE = re.compile(r"(?:spent|spend|spending|splurged|splurging|overspent|overspending)(?:(?: \w+){0,2}? "
                            r"(?:on|at)\b| (?:today|yesterday|this|last)\b)")
ASKS_RE = gated(r"\b(?:how much|what|where|tell me|let me know|need to know|want to know|show|list|check)\b|"
                     r"^(?:did|have|has|was|were)\b")
# "i spent a lot on groceries lately": a question about one's spending without a question word.
JUDGED_RE = gated(r"\b(?:lately|recently|too much|too many|a lot|more than usual|so far|overspen[dt]|overspending|"
                       r"overd(?:o|id|one) it|overboard|a fortune)\b")
# "is clothes shopping costing me more these days": a trend asked after, when no amount is written beside it
TREND_RE = gated(r"\b(?:these days|gone up|go up|going up|went up|more and more)\b")
TAX_WORDS = frozenset({"tax", "taxes"})
YEAR_IN_TEXT_RE = re.compile(r"\b(?:19|20)\d\d\b")
NOT_SUMMARY_RE = gated(r"\b(?:fraud\w*|lost|stolen|weather|limit|how long)\b|\bstatement (?:is|was)\b|"
                            r"\b(?:false|true) statement\b|\b(?:get|got|was|been|be) paid\b|" + ADVICE + "|"
                            # a report one made or sent: "ekta report pathaisi mail e", "i sent the report"
                            r"\b(?:report|summary) (?:\w+ )?(?:pathaisi|pathalam|pathiyechi|disi|dilam|submit\w*|"
                            r"korsi|korlam|banaisi|banalam|ready)\b|"
                            # … or told as sent ("report ta Gulshan office e pathano hoise")
                            r"\b(?:report|summary) (?:\w+ ){0,4}?(?:pathano|deya|dewa|submit) "
                            r"(?:hoise|hoyeche|holo|hoyse)\b|"
                            r"\b(?:sent|submitted|wrote|prepared|emailed) (?:the |a |my |our )?(?:\w+ )?"
                            r"(?:report|summary)\b|"
                            # one a colleague works on or owes: "did you finish the mirpur report?", "reminder:
                            # quarterly report due thursday"
                            r"\b(?:report|summary) (?:is |was )?(?:due|deadline)\b|"
                            r"\b(?:(?:finish|finished|finishing|finalis\w*|finaliz\w*) (?:the |your |that |this )?|"
                            r"complete (?:the|your|that|this) )(?:\w+ )?"
                            r"(?:report|summary)\b|" + OTHERS_SPENDING + "|" + NOT_MONEY)
# A card's report, statement or summary is the bank's business; how much went on the card is the user's spending.
CARD_RE = gated(r"\bcards?\b")
# A payment card named as one ("my visa", "chase card", "on the discover"): never a category ("visa" is travel).
CARD_NAMED_RE = gated(
    r"\b(?:visa(?! (?:application|fee|fees|interview|processing|appointment|renewal))|mastercard|master card|amex|"
    r"american express)\b|"
    r"\b(?:credit|debit|chase|citi|discover|capital one|barclays|apple|store|bank) cards?\b|"
    r"\b(?:on|with|using|to|from|through|via|charged to|put on) (?:my|the|our|this|that) (?:\w+ ){0,2}?"
    r"(?:card|discover)\b|\b(?:on|with|using|to) (?:my|the) (?:chase|citi|capital one|barclays|sapphire|freedom)\b|"
    r"\bcard (?:spending|spend|purchases|transactions|charges|activity|total)\b")
SPENDING_WORD_RE = gated(r"\b(?:spen[dt]|spending|expenses|expenditures?|cost|costs|costing)\b|\bhow much\b")
TOKEN_RE = re.compile(r"[^\s,.!?]+")
# What a budget is, what is left of it, whether it is exceeded: the budget's status, as it stands today. How much was
# spent "from my food budget" is a spending question, answered with the total and the budget beside it; so is any
# budget question about a period already over ("did i stay within budget last month"): today's status cannot answer.
BUDGET_ITSELF_RE = gated(r"\b(?:left|remain\w*|still|exceed\w*|within|status|check|how close|on track|room|limit|"
                              r"more (?:can|could) (?:i|we) spend|"
                              r"over (?:my |our |the )?(?:\w+ )?budgets?|(?:go|gone|went|going|be|am|are|is) over|"
                              r"under (?:my |our |the )?(?:\w+ )?budgets?|hit (?:my |our |the )?(?:\w+ )?budgets?|"
                              r"(?:(?:blown|blew|blow|busted|bust|broken|broke) (?:through |past )?|"
                              r"(?:gone|went|go|run|ran) (?:through|past) )(?:my |our |the )?"
                              r"(?:\w+ )?budgets?|"
                              r"(?:what|how much)(?:'s| is| was) (?:my|our|the) (?:\w+ )?budgets?|"
                              r"set (?:my |our |the )?(?:\w+ ){0,2}budgets? (?:to|at)|"
                              r"(?:over|under|within|left in) (?:my |our |the )?(?:\w+ )?allowance)\b")
LEFT_NOW_RE = gated(r"\b(?:is|are|'s)(?: still)? (?:left|remaining)\b|"
                         r"\b(?:do|have) (?:i|we) (?:still )?(?:got |have )?left\b")
MY_SHARE_RE = gated(r"\b(?:my (?:own )?(?:share|part|portion)|my cut|what i owe of)\b")

# Words (maximal \w runs of the lower-case text) looked up before, or instead of, a \b-bounded pattern: a set of
# single words is the whole pattern; a set of hints only rules out a pattern whose every phrase holds one of them
# (a change to a pattern needs the same change to its set).
NOT_A_FILE_RE = gated(r"\b(?:excel|pdf|csv|spreadsheet)\s+(?:course|class|training|lessons?|tutorials?|books?|"
                           r"exams?|workshop|skills?)\b|"
                           r"^(?:keu|kew|anyone|someone|somebody|can someone|can anyone)\b")  # asked of people
EXPORT_WORDS = frozenset({"export", "download", "csv", "xlsx", "excel", "spreadsheet", "pdf"})
# a file asked for without naming its kind: "puro bochorer hisab ta file kore dao", "send it as a file"
FILE_ASKED_RE = gated(r"\b(?:hisab|hishab|khoroch|entry|entries|lenden|records?|transactions?|expenses?|send|give|"
                           r"export|share|email|mail)\b[^.?!]{0,40}?(?:\bfile (?:kore|koira|baniye|banaye|banie) "
                           r"(?:dao|den|din|pathao|dau)\b|\b(?:as|in) an? (?:file|attachment)\b|"
                           r"\bfile(?: ?(?:ta|টা))? (?:pathao|pathau|dao|den|din|chai|lagbe)\b)")
FIRST_PERSON_WORDS = frozenset({"i", "me", "my", "we", "our", "us"})  # "i've", "we'd" hold "i", "we"
INCOME_WORD_RE = gated(r"\b(?:income|earn|earned|earnings|deposits)\b")  # "total deposits last year"
BALANCES_HINTS = frozenset({"balances", "owe", "owes", "debts", "tab", "outstanding", "needs", "kache", "balance",
                            "hisab", "hishab", "even", "pabo"})
SUMMARY_HINTS = frozenset({"summary", "summarise", "summarize", "report", "breakdown", "overview", "statement", "spend",
                           "spent",
                           "money", "outlays", "spendng", "spedning", "spending", "expenses", "share", "income",
                           "earnings", "much", "outgoings", "amount", "damage", "tally", "costs", "paid", "come",
                           "burn", "date", "mtd", "ytd", "went", "gone", "goes", "go", "going", "many",
                           "add", "adds", "added", "sum", "total", "make", "made", "earn", "earned"})
SPENT_HINTS = frozenset({"spent", "spend", "spending", "expenditure", "expenditures", "expenses", "paid", "cost",
                         "costing", "costs", "run", "ran", "dropped", "money", "went", "bought", "buy", "buying",
                         "giving", "eat", "eating", "go", "blow", "blew", "blown", "shell", "shelled", "burn",
                         "burned", "burnt", "outgoings", "put", "gone", "drop", "waste", "wasted", "wasting",
                         "spedning", "spendng", "spnd", "spnt", "spening", "spendin", "outlay", "outlays", "cash",
                         "funds", "dough", "dollars", "blowing", "splurge", "splurged", "splurges", "splurging",
                         "order", "ordered", "ordering", "set", "used", "use", "draining", "portion", "percentage",
                         "share", "fraction", "part", "chunk", "thrown", "threw", "throw", "fork", "forked",
                         "forking", "shelling", "rack", "racked", "pay", "paying", "parted", "overspend",
                         "overspent", "overspending", "goes", "going", "shopping", "putting", "dumping", "dumped",
                         "pouring", "poured", "sinking", "sunk", "crazy", "nuts", "wild", "overboard"})
JUDGED_HINTS = frozenset({"lately", "recently", "too", "lot", "more", "far", "days", "up", "overspend", "overspent",
                          "overspending", "overdo", "overdid", "overdone", "overboard", "fortune"})


def is_question(text: str) -> bool:
    """Asked in English (a question word first, a "?" last) or in Bengali-English ("… settle hoise naki")."""
    return QUESTION_START_RE.match(text) is not None or _ends_asking(text) \
        or (("naki" in (lower := text.lower()) or "kina" in lower) and BENGALI_ASKED_RE.search(lower) is not None)


def _ends_asking(text: str) -> bool:
    """A "?" last, or only spaces, marks and emoji after it: "… nibo? 🤔" (not "taxi 300 (rafi?)"); its last "?"
    looked for once: a search from every "?" of a pasted run would be quadratic."""
    at = text.rfind("?")
    return at >= 0 and all(char.isspace() or char in "?!." or unicodedata.category(char) in EMOJI_CATEGORIES
                           for char in text[at + 1:])


SET_SAID_RE = re.compile(r"\b(?:set|koro|kore dao|rakho|make)\b")  # "set food budget to 5000 as she said"
NOUN_FIRST_RE = re.compile(r"(?:book|books|order|orders|schedule)\b")  # request words that are also things bought


def told_after_a_request_word(lower: str) -> bool:
    """ "book kinlam 1100": a request's first word ("book a table for 4") with the sender's own verb after it, told
    (no "?", no "naki" or "kina": "bazar 500 dilam naki" asks)."""
    return "?" not in lower and "naki" not in lower and "kina" not in lower \
        and NOUN_FIRST_RE.match(lower) is not None and SENDER_VERB_RE.search(lower) is not None


def ledger_query(lower: str, words: Set[str], body: str, names: list[str], now: datetime, tz: str,
                 all_money: list[MoneySpan], categories: Categoriser) -> Intent | None:
    """A ledger question or command (settle up, budget, export, balances, summary), or None; `words` are the \\w
    runs of `lower`."""
    entities: dict[str, Any] = {}
    money = [m for m in all_money if m.amount > 0 or m.numeral]
    budget_asked = False
    if "got back from" in lower:
        lower = BACK_HOME_RE.sub(" ", lower)
    if may_settle(lower, words) and not customers_payment_told(lower, words) and (settled := settlement(
            lower, body, names, money=bool(money), asked=is_question(lower),
            asked_the_bengali_way=BENGALI_ASKED_RE.search(lower) is not None)) is not None:
        if settled.name == "settle_up" and money:
            settled.entities.update(money_entities(money[0]))
        elif settled.name == "settle_up" and (code := named_currency(body)):
            settled.entities["currency"] = code
        return settled
    if about_a_budget(lower, words, bool(money), categories):
        asks = is_question(lower.rstrip("?")) and not asked_to_set(lower)  # "can you set up a travel budget for 1500"
        # "spent 500 from my food budget" records spending: a budget is set with no spending verb
        if money and not asks and budget_set_said(lower, SPENT_WORD_RE):
            if BUDGET_TALK_RE.search(clause := clause_of(lower, money[0].start)) and not SET_SAID_RE.search(clause):
                return Intent("unknown", 0.3, {"outside": "talk"})  # proposed, or someone else's word
            category = budget_category(named_food(lower), categories)
            entities = {**money_entities(money[0]), "category": category,
                        "period_unit": budget_unit(lower)}
            return Intent("budget_set", 0.9 if category != "other" else 0.7, entities)
        if ADVICE_RE.search(lower):  # "recommend a good budget app", "how much should a family budget for food"
            return None
        if not money and not words.isdisjoint(BUDGET_WORDS) and _over_period(lower, now, tz) \
                and not LEFT_NOW_RE.search(lower):  # "after last night how much of my fun budget is left": today's
            return Intent("spending_summary", 0.9, summary_entities(lower, names, now, tz, categories,
                                                                    budget_asked=True))
        spent_from_budget = not money and not words.isdisjoint(BUDGET_WORDS) \
            and SPENT_WORD_RE.search(lower) is not None and BUDGET_ITSELF_RE.search(lower) is None \
            and "overspen" not in lower  # "am i overspending my entertainment budget": its status
        if not money and not spent_from_budget:
            return budget_status(lower, categories)
        budget_asked = spent_from_budget
    if not money and asks_for_a_file(lower, words):
        entities = _period_of(lower, now, tz)
        entities["format"] = "pdf" if "pdf" in words else "xlsx" if SPREADSHEET_RE.search(lower) else "csv"
        return Intent("export", 0.93, entities)
    debt_asked = not money and not words.isdisjoint(BALANCES_HINTS) and words.isdisjoint(TAX_WORDS) \
        and (found := BALANCES_RE.search(lower)) is not None \
        and not (found[0] == "tab" and not names and find_period(lower, now, tz))  # "my eating out tab this month"
    if debt_asked or (not money and "balance" in lower and BARE_BALANCES_RE.fullmatch(lower)):
        return Intent("balances", 0.93, {"mentions": names} if names else {})
    spent_at = SPENT_WORD_RE.search(lower) if not words.isdisjoint(SPENT_HINTS) else None
    asks_spent = spent_at is not None and ((not words.isdisjoint(FIRST_PERSON_WORDS) and (
        ASKS_RE.search(lower, 0, spent_at.start()) is not None
        or (not words.isdisjoint(JUDGED_HINTS) and JUDGED_RE.search(lower) is not None)
        or (not money and not words.isdisjoint(JUDGED_HINTS) and TREND_RE.search(lower) is not None)))
        or (not money and lower.endswith("?") and SPENT_ASKED_RE.match(lower) is not None))  # "splurged on shoes?"
    asked = (not money and not words.isdisjoint(SUMMARY_HINTS) and (
        SUMMARY_RE.search(lower) is not None or SUMMARY_START_RE.match(lower) is not None)) \
        or (asks_spent and not any(m.currency for m in money))
    english = asked and not NOT_SUMMARY_RE.search(lower) and (
        CARD_RE.search(lower) is None or SPENDING_WORD_RE.search(lower) is not None)
    if english or (not money and "khor" in lower and bengali.SUMMARY_RE.search(lower)):
        return Intent("spending_summary", 0.92, summary_entities(lower, names, now, tz, categories,
                                                                 budget_asked=budget_asked))
    return budget_status(lower, categories) if budget_asked else None


# the summary asked to be sent ("ei mashe khoroch er summary pathao"): "pathao" is no ride's name there
SENT_ASKED_RE = re.compile(r"\b(?:summary|hisab|hishab|report|list|statement|details?)(?: ta| টা)? pathao\W*$")


def summary_entities(lower: str, names: list[str], now: datetime, tz: str, categories: Categoriser, *,
                     budget_asked: bool = False) -> dict[str, Any]:
    """A spending summary's filters: period, income or a category (a card's name is none), people, share, budget."""
    entities = _period_of(lower, now, tz)
    if ((INCOME_WORD_RE.search(lower) and "income tax" not in lower) or EARNED_RE.search(lower)) \
            and not BOTH_KINDS_RE.search(lower):
        entities["direction"] = "income"
    elif (category := categories.guess(SENT_ASKED_RE.sub(" ", CARD_NAMED_RE.sub(" ", lower)))) != "other" or (
            budget_asked and (category := budget_category(lower, categories, unknown_word=False)) != "other"):
        entities["category"] = category
    if names:
        entities["mentions"] = names
    if MY_SHARE_RE.search(lower):
        entities["share"] = "mine"
    if budget_asked:
        entities["budget"] = True
    return entities


def _over_period(lower: str, now: datetime, tz: str) -> bool:
    """Names a period already over ("last month", "in february"), whose budget today's status cannot show; a month
    named without its year that is still to come this year ("my budget for may" in March) is no past one."""
    if (period := find_period(lower, now, tz)) is None or period[1] >= (today := local_today(now, tz)):
        return False
    # a month named alone is read as its latest past one; within the next five months it is rather the one ahead
    named_month = period[0].day == 1 and period[1].month == period[0].month and (period[1] + timedelta(days=1)).day == 1
    return not (named_month and 0 < (period[0].month - today.month) % 12 <= 5 and period[0].year == today.year - 1
                and YEAR_IN_TEXT_RE.search(lower) is None and "last" not in lower)


def budget_status(lower: str, categories: Categoriser) -> Intent:
    # a question's first leftover word is no category ("did i go over my budget" is not about "did")
    category = budget_category(lower, categories, unknown_word=not is_question(lower))
    return Intent("budget_status", 0.9, {"category": category} if category != "other" else {})


def _period_of(lower: str, now: datetime, tz: str) -> dict[str, Any]:
    """The `period` entity of a summary or an export (only they carry one: looked for only for them)."""
    period = find_period(lower, now, tz)
    return {"period": {"start": period[0].isoformat(), "end": period[1].isoformat()}} if period else {}


def asks_for_a_file(lower: str, words: Set[str]) -> bool:
    """An export asked for ("send me a csv of all entries"), not "an excel course"; `words` are the \\w runs."""
    return (not words.isdisjoint(EXPORT_WORDS) and NOT_A_FILE_RE.search(lower) is None) \
        or ("file" in words and FILE_ASKED_RE.search(lower) is not None)


def named_currency(text: str) -> str | None:
    """A currency named without an amount ("settle up with @bob USD")."""
    for token in TOKEN_RE.findall(text):
        if not token.startswith("@") and (code := currency_of(token)):
            return code
    return None


def money_entities(span: MoneySpan) -> dict[str, Any]:
    """`amount` as a plain decimal string; `amount_text` instead for a numeral that is not an amount."""
    if span.numeral:
        return {"amount_text": span.numeral, "currency": span.currency}
    return {"amount": format(span.amount, "f"), "currency": span.currency}
