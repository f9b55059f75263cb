"""Talking about entries already made: corrections ("actually 550", "change the date to yesterday") and lists
("show my last 5 transactions", "what did I spend at Shwapno", "entries with @bob this month")."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from core.intents import Intent
from core.nlu.categories import Categoriser
from core.nlu.dates import MONTH_NAME
from core.nlu.gates import gated
from core.nlu.money import DIGIT_RE, find_money
from core.nlu.periods import PERIOD_CASED_RE, find_period
from core.nlu.places import (
    NUMBER_WORDS,
    SEARCH_RE,
    SPENT_AT_RE,
    STORE_FIGURE_RE,
    item_figure,
    place_words,
    store_figure,
)
from core.nlu.queries import BOTH_KINDS, CARD_NAMED_RE

# a menu's command ("/list@bot" is read as "/list"), with how many entries and which ("/list 5 food")
LIST_COMMAND_RE = gated(r"/(?:list|history|entries|transactions)\b(?:\s+(?P<n>\d{1,3})(?![\d.,]))?(?P<rest>.*)$")
# "search pizza", "/find taxi": the entries whose description holds one or two words ("find atm" is no search)
SEARCH_COMMAND_RE = re.compile(r"(?:/?search|/find)(?: for)? (?!(?:my|a|an|the|me|out|some|someone|somewhere|"
                               r"nearby|weather|news|flights?|hotels?|recipes?|jobs?|directions|music|songs?|movies?|"
                               r"time|timezone|it|this|that|again|online|google|up|more|kore|korlam|korchi|dekho|"
                               r"engine|bar|results?|for)\b)(?P<quote>[\"'“‘])?"
                               r"(?P<query>[^\W\d_][\w&.-]*(?: [^\W\d_][\w&.-]*)?)(?(quote)[\"'”’])\s*$",
                               re.IGNORECASE)
# "when did i pay my car insurance", "what day did i buy the tv": the thing paid for, searched in the descriptions
# "when did i", "what day have we", "check when i paid …" (asked of what was done: not "remind me when i pay rent")
ASKED_WHEN = (r"\b(?:(?:when|(?:what|which) (?:date|day)) (?:did|have) (?:i|we) |(?:check|find out|tell me|show me|"
              r"let me know|look up|wondering) when (?:i|we) (?=(?:last )?(?:paid|bought|purchased|ordered)\b))")
PAID_OR_BOUGHT = r"(?:pa(?:y|id)|buy|bought|purchase|purchased|order|ordered)"
WHEN_PAID_RE = gated(ASKED_WHEN + r"(?:last )?" + PAID_OR_BOUGHT + r"(?: for)? (?:my |the |our |a |an )?"
                          r"(?!(?:it|that|this|them|him|her|back)\b)(?P<thing>[^\W\d_][\w'-]*"
                          r"(?: (?!(?:in|on|at|last|this|yesterday|today|back|ago)\b)[^\W\d_][\w'-]*){0,2}?)"
                          r"(?:\s+(?:in|on|at|last|this|yesterday|today)\b.*)?\W*$", re.IGNORECASE)
# Lists: a plural noun for records, asked to be shown; or "what did i spend/buy at X".
RECORDS = (r"(?:transactions?|txns?|tranactions?|transactoins?|entries|entry|expenses|purchases|records|payments|"
           r"charges|debits|withdrawals|deposits|swipes|buys)")
BOUND_WORDS = (r"(?:over|above|more than|greater than|bigger than|larger than|at least|under|below|less than|"
               r"smaller than|at most|between)")
LARGEST_WORDS = r"(?:largest|biggest|highest|most expensive|priciest|costliest)"
LIST_RE = gated(
    r"\b(?:show|list|see|view|display|pull up|bring up|give me|get me|read|tell me|let me know|check|open|retrieve|"
    r"review|go over|what (?:are|were|was|have been)|whats|what's)\b.*\b" + RECORDS + r"\b|"
    # "can i get my transactions", "my purchase history", "the last things i bought"
    r"\b(?:can|could|may) (?:i|we) (?:get|have) (?:a (?:list|copy) of )?(?:all )?(?:my|our) (?:\w+ )?" + RECORDS +
    r"\b(?!.*\d)|"
    r"\bpurchases? history\b|"
    r"\b(?:last|latest|recent|most recent) (?:\w+ |couple of )?things (?:i|we)(?:'ve| have)? "
    r"(?:bought|purchased|got)\b|"
    r"\b(?:recent|latest|last|previous) (?:\w+ )?" + RECORDS + r"\b|"
    r"\b" + RECORDS + r" (?:with|from|on|at|for|of|in|made|i made|related|history)\b|"
    r"\b(?:what|which|how many|any|all(?: of)?(?: the| my)?) (?:\w+ ){0,3}" + RECORDS + r"\b|"
    r"\btransaction (?:history|statement|list)\b|\blist of (?:my |all (?:my )?|the )?(?:\w+ )?(?:outgoings|spending|"
    r"expenses|costs)\b|\b(?:purchased|charged) (?:on it |recently|yesterday|last)|"
    r"\bwhat did i (?:buy|purchase) (?:last|at|from|in)\b|"
    r"\b(?:show|list|see|view|display|give)(?: me)? (?:(?:everything|all(?: the (?:stuff|things))?|"
    r"the (?:stuff|things)) (?:i|we)(?:'ve| have)? (?:bought|purchased|spent (?:money )?on|paid(?: for| to)?)|"
    # not "show me what i spent on gas": a figure, as "what did i spend on gas" is
    r"what (?:i|we)(?:'ve| have)? (?:bought|purchased|spent money on|paid (?:for|to)))\b|"
    r"\bwhat was (?:the|my) last (?:thing i (?:bought|purchased)|purchase|transaction)\b|"
    # what a card or an account shows: "what items do i have on my amex card", "withdrawals on my account"
    r"\b(?:items|withdrawals|deposits|debits) (?:\w+ ){0,3}?(?:on|in|from|to) (?:my|the|our) (?:\w+ )?"
    r"\w*(?:card|account|statement|bill)\b", re.IGNORECASE)
# Asking after particular records: "is there a charge from spotify", "did apple charge me", "when was my last
# purchase at chipotle", "did my rent payment clear", "what have i bought this week", "the lyft rides on my card".
ONE_RECORD = (r"(?:charges?|purchases?|transactions?|txns?|payments?|debits?|receipts?|swipes?|orders?|reloads?|"
              r"deposits?|refunds?)")
# What went through a card or an account: "where did i use my card today", "what hit my visa", "what came out of my
# checking this week", "whats gone on my citi card", "amount i put on my capital one card", "card activity"
PAYMENT_MEANS = r"(?:card|account|checking|savings|visa|amex|mastercard|discover)"
# Rarer ways to ask for records, looked for when the common ones are not there: what went through a card or an
# account, refunds, amounts within bounds or largest first, cash taken out, settlements, a service that billed.
MORE_RECORDS_RE = gated(
    r"\b(?:show|list|see|view|display|pull up|find|any|all|what|which) (?:\w+ ){0,3}?(?:refunds|disbursements)\b|"
    r"\bevery (?:\w+ ){0,2}?" + RECORDS + r"\b|\bevery (?:payment|transfer|charge|purchase|expense)\b|"
    r"\b(?:list|show|see|view|display)\b.*\bsettlements\b|\bsettlements (?:between|with|from|to)\b|"
    # "purchases above $50 this week", "transactions between 20 and 50 dollars", "largest transactions 2024"
    r"\b" + RECORDS + r" (?:\w+ ){0,3}?" + BOUND_WORDS + r"\b|\b" + LARGEST_WORDS + r" (?:\w+ ){0,2}?(?:" + RECORDS +
    r"|things (?:i|we) (?:bought|purchased)|purchase|transaction|expense|charge|payment)\b(?! categor)|"
    # cash taken out: "list all the cash i took out of the atm in june", "when did i take out cash"
    r"\b(?:took|take|taken|withdrew|withdrawn|pulled) (?:out )?(?:\w+ )?cash\b|"
    r"\bcash (?:i|we) (?:took|withdrew|pulled)\b|\batm withdrawals\b|"
    # a service that charged: "did netflix chrage me", "if youtube premium billed me", "did they take a payment"
    r"\b(?:did|has|have|if|whether) (?!i\b|we\b)(?:\w+ ){1,3}(?:(?:chrage[ds]?|billed|bill) (?:me|us|my|our|already)|"
    r"(?:took|take|taken) (?:money|a payment|payment)s?)\b|\b(?:was|were|got|get|been) (?:\w+ ){0,2}?billed\b|" + (
    r"\bwhere (?:did|have|do) (?:i|we) (?:use|used) (?:my|the|our) (?:\w+ ){0,2}?" + PAYMENT_MEANS + r"\b|"
    r"\bwhat(?:'s|s| has| have)? (?:\w+ )?(?:hit|came out of|come out of|went out of|gone out of|left|gone on|went on|"
    r"been put on) (?:my|the|our) (?:\w+ ){0,2}?" + PAYMENT_MEANS + r"\b|"
    r"\b(?:how much|amount|total)\b(?! (?:of )?[\d৳$])(?:.*\b)?(?:came out of|come out of|went out of|left|put on|used|"
    r"use) (?:my|the|our) "
    r"(?:\w+ ){0,2}?" + PAYMENT_MEANS + r"\b|\b(?:card|account|checking) (?:activity|history)\b|"
    r"\b(?:any|what|recent|latest|new) activity (?:is |has been |was )?(?:on|in) (?:my|the|our) (?:\w+ ){0,2}?"
    + PAYMENT_MEANS + r"\b|"
    r"\b(?:went|gone|go) through (?:my|the|our) (?:\w+ ){0,2}?" + PAYMENT_MEANS + r"\b|"
    r"\bwhat did (?:i|we) charge (?:to|on) (?:my|the|our) (?:\w+ ){0,2}?" + PAYMENT_MEANS + r"\b|"
    r"\b(?:anything|something) (?:post|posted|hit|go through|went through|come out|came out) (?:to|of|on|in)? ?"
    r"(?:my|the|our) (?:\w+ )?" + PAYMENT_MEANS + r"\b|"
    r"\b(?:been )?(?:paid|charged|put) (?:with|on|using|to) (?:my|the|our) (?:\w+ ){0,2}?" + PAYMENT_MEANS
    + r"\b(?!.*\d)"))
RECORD_CHECK_RE = gated(
    r"\b(?:is|was|are|were) there (?:a|an|any) (?:\w+ ){0,2}" + ONE_RECORD + r"\b|"
    r"\b(?:did|has|have) (?!i\b|we\b)(?:\w+ ){1,3}charged? (?:me|my|us|our)\b|"
    r"\b(?:was|were|have|has|did) (?:i|we) (?:been |get |got )?(?:charged|billed)\b|"
    r"\b(?:show|find|pull up|see|check|look up|look for|get|locate|bring up)(?: me)? (?:the|that|this|my|a) "
    r"(?:\w+ ){0,2}" + ONE_RECORD + r" (?:from|at|for|by|on|to|of|in|made|(?:i|we) (?:made|did|got|had|sent))\b|"
    r"\b(?:when|where) (?:was|did|were) (?:i |we )?(?:my |our |the )?(?:last|latest|most recent|newest)\b|"
    r"\b(?:last|latest|newest|most recent|recent) (?:\w+ )?(?:purchase|charge|swipes?|card activity|activity)\b|"
    r"\bcharged (?:on|to) (?:it|my|this|that)\b|"
    r"\b" + ONE_RECORD + r"\b.*\b(?:go(?:ne)? through|went through|post(?:ed)?|clear(?:ed)?|show(?:ed|n)? up|"
    r"go(?:ne)? out|went out|hit my (?:\w+ )?(?:card|account))\b|"
    r"\bwhat (?:did|have|has) (?:i|we) (?:\w+ )?(?:buy|bought|purchase|purchased|order|ordered)\b|"
    # "when did i buy the printer ink", "what day did i pay rent", "what did i pay for the flight", "what did i spend
    # money on yesterday"
    + ASKED_WHEN + r"(?:\w+ )?" + PAID_OR_BOUGHT + r"\b|"
    r"^(?:the )?date (?:i|we) (?:last )?(?:paid|bought|purchased|ordered)\b|"
    r"^(?:the )?(?:things|stuff|items) (?:i|we) (?:have )?(?:spent (?:my |our |the )?money on|bought|purchased)"
    r"\b(?!.*\d)|"
    r"^(?:did|has|have) (?:my|the|our) (?:\w+ ){1,2}(?:go|gone|went) through\b|"  # "did my rent go through"
    # "has the irs refund come in yet", "did my freelance client pay me yet": money expected, looked for
    r"^(?:did|has|have) (?:my|the|our) (?:\w+ ){0,2}(?:refund|paycheck|salary|deposit|payment|transfer|remittance|"
    r"bonus|reimbursement)s? (?:come|came|arrived?|landed|hit)\b|"
    r"^(?:did|has|have) (?:my|the|our) (?:\w+ ){0,2}(?:client|employer|boss|company|tenant|customer)s? "
    r"(?:pay|paid) (?:me|us)\b(?!.*\d)|"
    r"\bwhat did (?:i|we) pay for (?:the|my|that|our)\b|\bwhen (?:i|we) last (?:paid|bought|purchased|ordered)\b|"
    r"\b(?:i|we) (?:\w+ )?paid (?:\w+ ){0,3}?(?:twice|two times)\b(?!.*\d)|"
    r"\bwhat (?:stuff |things )?(?:did|have) (?:i|we) (?:even )?(?:(?:spend|spent) (?:(?:my |the |all (?:my |the )?)?"
    r"(?:money|cash) )?on|(?:pay|paid) for)"
    r"(?: (?:on|in|at|from|during|over|with|this|last|yesterday|today|lately|recently)\b|\W*$)|"
    r"^(?:have|did|has) (?:i|we) (?:already )?(?:pa(?:id|y)|settled?) (?:the|my|our|for)\b|"
    # "did i already add the electric bill", "did the internet bill get added", "find entry electric bill"
    r"^(?:have|did|has) (?:i|we) (?:already )?(?:add|added|record|recorded|log|logged|enter|entered|save|saved)\b|"
    r"^(?:did|has|have|was|were|is)\b.*\b(?:get|got|been|was|were) (?:added|recorded|logged|entered|saved)\b|"
    r"^find (?:the |an? |my )?entry\b|"
    r"\bwhat(?:'s|s| has| have)? been (?:added|recorded|logged|entered|saved)\b|"  # "what's been added today"
    # a record asked about, not yet named: "i have a question about a transaction", "can you look into a charge"
    r"\b(?:questions?|ask|asking|help|info|information|details?|look(?:ed)? into|look up|check(?: on)?|query|"
    r"inquire|enquire)\b (?:(?:me|us) )?(?:about|on|with|into|for|regarding)? ?"
    r"(?:a|an|my|the|one|this|that|some) (?:recent |latest |last )?(?:transaction|charge|purchase|payment)s?\b"
    r"(?! (?:plan|order|method|option|terms|schedule|link|page|portal)s?\b)(?!.*\d)|"
    r"\b(?:a|one|this|that) (?:transaction|charge|purchase|payment) (?:i|we) (?:want|need|would like|'d like) to "
    r"(?:check|ask about|look into|look at|query)\b|"
    r"^(?:did|have) (?:i|we) (?:buy|bought|purchase|purchased|order|ordered) (?:anything|something)\b|"
    r"\b(?:record|records|entry|entries) of (?:my|the|a|our|any) (?:\w+ )?(?:payment|purchase|charge|transaction)s?\b|"

    r"\bwhat (?:i|we) (?:\w+ )?(?:bought|buy|purchased|paid for)\b|"
    r"\b(?:what|which) (?:\w+ )?bills (?:have|did) (?:i|we) (?:already )?(?:paid|pay)\b|"  # not "bills due"
    r"\b(?:every time|each time|everywhere|places|merchants|stores|shops) (?:(?:have|did) )?(?:i|we) (?:\w+ )?"
    r"(?:used|paid|swiped|shopped|bought)\b|\bstatement lines?\b|\bline items?\b|"
    r"\b(?:show|list|see|pull up|bring up|display)(?: me)? (?:\w+ ){0,4}?on my (?:\w+ ){0,2}"
    r"(?:card|account|statement|visa|amex|mastercard|discover)\b")
# "whats this 12.99 charge", "what is that $40 payment": one record asked after by its amount, listed by it
_ONE_AMOUNT = (r"(?:[$৳€£₹] ?|(?:tk|rs|usd|bdt|eur)\.? ?)?(?!(?:19|20)\d\d\b)\d[\d.,]*k?"
               r"(?: ?(?:dollars?|bucks|tk|taka|usd|bdt|eur)\.?|[$৳€£₹])?")
_ONE_RECORD_NOUN = r"(?:charge|transaction|payment|debit|withdrawal)"
# what may follow the record asked after: its end, or where or when it was ("from amazon", "on tuesday", "i see")
_AFTER_ONE = r"(?=\W*$|\s+(?:from|on|at|in|of|for|by|to|about|yesterday|today|last|this|that|i|we|here|there)\b)"
ONE_BY_AMOUNT_RE = gated(r"\b(?:what|whats|what's|wht|whts|wats|what is|what was|what were) (?:this|that|the) "
                         r"(?:(?P<amount>" + _ONE_AMOUNT + r") " + _ONE_RECORD_NOUN + _AFTER_ONE + r"|" +
                         _ONE_RECORD_NOUN + r" (?:of|for) (?P<amount_after>" + _ONE_AMOUNT + r")" + _AFTER_ONE
                         + ")",
                         re.IGNORECASE)
# "how much was my last purchase", "how much did my last 2 uber rides cost": the last entries shown, with their
# amounts and total, are the answer
# "how much (money) was my last purchase", "what amount did my last 2 uber rides cost", "the sum of my last…"
HOW_MUCH = r"(?:how much(?: money| cash)?|what (?:amount|total))"
LAST_FEW_RE = gated(r"\b(?:" + HOW_MUCH + r" (?:did|was|were|is|are|has|have)|(?:the )?(?:sum|total) of) "
                    r"(?:my|the|our) "
                    r"(?:very )?(?:last|latest|"
                    r"most recent|previous|recent) (?:\w+ ){0,2}?(?P<noun>purchases?|transactions?|charges?|"
                    r"payments?|entry|entries|expenses?|things? (?:i|we) (?:bought|purchased|got)|items?|rides?|"
                    r"orders?|trips?|visits?|runs?|\w+(?= cost\b))\b|"
                    r"\b(?:last|latest|most recent|previous) (?P<one>(?!(?:year|month|week|weekend|quarter|night|"
                    r"time|few|couple)\b)\w+) (?:amount|total|cost)\W*$|"
                    # "how much did i spend on my last purchase" (not "… on my last trip": a trip is many)
                    r"\bhow much (?:money )?(?:did|have) (?:i|we) (?:spend|spent|pay|paid) (?:on|for) "
                    r"(?:my|the|our) (?:very )?(?:last|latest|most recent|previous) (?:\w+ ){0,2}?"
                    r"(?P<record>purchases?|transactions?|charges?|payments?|orders?|rides?)\b",
                    re.IGNORECASE)
# "how much was the internet bill in jan": that bill's entries, with their amounts
NAMED_ONE = (r"(?:bill|receipt|visit|tickets?|charge|purchase|transaction|payment|order|ride|tab|fare|rental|meal|"
             r"dinner|lunch|stay)")
THAT_ONE_RE = gated(r"\b" + HOW_MUCH + r" (?:was|were) (?:the|that|my) (?:\w+ ){0,2}" + NAMED_ONE + r"\b|"
                    r"\b(?:how much|the amount of) (?:the|that|my) (?:\w+ ){0,3}?" + NAMED_ONE + r"\b.*"
                    r"\b(?:was|came to|come to|cost)\b|"
                    r"\bthe amount of (?:the|that|my) (?:\w+ ){0,3}?" + NAMED_ONE + r"\b|"
                    r"\bhow much did (?:i|we) pay for (?:the|that|this|those|these|my|our) "
                    r"(?!(?:week|month|year|weekend|day|last|past|share|part|portion|cut)\b)")
# "tell me my spending on purchases from amazon", "what were my expenses last week": one's spending is a total
MY_SPENDING_RE = gated(r"\b(?:my|our|total) spending\b|" + BOTH_KINDS + "|"
                       r"\bwhat (?:are|were|have been) (?:my|our) (?:\w+ )?expenses\b")
# A list is not a summary: these ask for one figure.
TOTAL_RE = gated(r"\b(?:how much|total|sum|summary|summari[sz]e|breakdown|overview|altogether|by category|"
                 r"per category|"
                 r"(?:c[oa]me|comes) to(?! (?:my|me|us|our|the)\b)|amount(?:s|ed)? to|"
                 r"amount (?:i |we )?spent|adds? up|added up)\b", re.IGNORECASE)
LIMIT_RE = gated(r"\b(?:last|latest|recent|previous|first|top|shesh|sesh)\s+(?P<n>\d{1,3}|" +
                 "|".join(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                "fifteen", "twenty")) + r")\b"
                 r"(?![ -]?(?:days?|weeks?|weekends?|months?|mths?|mos?|quarters?|qtrs?|years?|yrs?|hours?|hrs?|"
                 r"wks?)\b)",  # "the last 30 days": a period
                 re.IGNORECASE)
# A figure asked of a payment card (CARD_NAMED_RE) or of named records is answered by the list card, which shows the
# records with the total of all matches ("how much did i spend on my visa last month", "what's the total of my amazon
# purchases", "how much was the uber charge"); a figure asked of a category or a period stays a summary.
FIGURE = r"(?:how much|total|sum|amount|cost|add(?:s|ed)? up)"
NAMED_RECORDS = r"(?:transactions|txns|purchases|charges|payments|debits|withdrawals|swipes|entries|orders|rides)"
RECORDS_FIGURE_RE = gated(
    r"\b" + FIGURE + r"\b.*\b" + NAMED_RECORDS + r"\b|\b" + NAMED_RECORDS + r"\b.*\b" + FIGURE + r"\b|"
    r"\bhow much (?:was|were|is|did) (?:the|that|this|my) (?:\w+ ){0,2}(?:charge|purchase|transaction|payment|order)\b")
# A bound on the amounts listed: "over $100" (at least), "under 50" (at most), "between 20 and 50 dollars"
LOW_BOUND_RE = gated(r"\b(?:over|above|more than|greater than|bigger than|larger than|at least|"
                          r"min(?:imum)?(?: of)?)\s*$")
HIGH_BOUND_RE = gated(r"\b(?:under|below|less than|smaller than|at most|max(?:imum)?(?: of)?|up to)\s*$")
BOUND_HINT_RE = gated(r"\b(?:over|above|more|greater|bigger|larger|least|under|below|less|smaller|most|between|"
                      r"min|minimum|max|maximum|up to|upore|beshi|niche|kom)\b")
# Bengali-English puts the bound after its amount: "1000 er upore" (over 1000), "100 tk er niche" (under 100)
LOW_BOUND_AFTER_RE = re.compile(r"\s*(?:tk|taka|৳)?\s*(?:er|theke)\s+(?:upore|beshi)\b")
HIGH_BOUND_AFTER_RE = re.compile(r"\s*(?:tk|taka|৳)?\s*(?:er|theke)\s+(?:niche|kom)\b")
# "did i spend more than 200 on groceries this month": the total compared, not the records over 200
TOTAL_COMPARED_RE = re.compile(r"(?:did|have|has) (?:i|we) (?:already )?(?:spen[dt]|pa(?:y|id)) (?:more|less|over|"
                               r"under) ")
COUNT_LARGEST_RE = re.compile(r"\b(?P<n>\d{1,2}) " + LARGEST_WORDS + r"\b")  # "my 3 largest purchases"
LARGEST_RE = gated(r"\b" + LARGEST_WORDS + r"\b")
INCOME_LIST_RE = gated(r"\b(?:income|incomes|earnings|salary|deposits?|deposited|paychecks?|refunds?|bonus(?:es)?|"
                       r"reimbursements?|pa(?:y|id) (?:me|us)(?! back))\b",
                       re.IGNORECASE)
# "list my purchases", "what did i spend at X": spending only, not the income and settlements beside it
EXPENSE_LIST_RE = gated(r"\b(?:expenses|purchases|charges|withdrawals|debits|spent|spend|spending|bought|"
                        r"buy)\b", re.IGNORECASE)
SETTLEMENT_LIST_RE = gated(r"\b(?:settlements?|repayments?)\b", re.IGNORECASE)


def entry_list(body: str, lower: str, names: list[str], now: datetime, tz: str,
               categories: Categoriser) -> Intent | None:
    """A request to see recorded entries, with its filters, or None."""
    if (command := LIST_COMMAND_RE.match(lower)) is not None:  # "/list 5 food": five food entries, nothing recorded
        rest = body[len(body) - len(command["rest"]):] if command["rest"].strip() else ""
        entities = list_filters(rest, rest.lower(), names, now, tz, categories) if rest else {}
        if command["n"]:
            entities["limit"] = max(1, min(50, int(command["n"])))
        return Intent("list_entries", 0.95, entities)
    if (searched := SEARCH_COMMAND_RE.match(body.strip())) is not None:
        return Intent("list_entries", 0.9, {"search": searched["query"]})
    if (last := LAST_FEW_RE.search(lower)) is not None and not (last["one"] and DIGIT_RE.search(lower)):
        noun = last["noun"] or last["one"] or last["record"]
        one = {} if noun.split()[0].endswith(("s", "entries")) else {"limit": 1}  # "my last purchases": all
        return Intent("list_entries", 0.9, {**one, **list_filters(body, lower, names, now, tz, categories)})
    if THAT_ONE_RE.search(lower) or ITEMIZED_RE.search(lower):  # "itemize my spending": the entries, one by one
        return Intent("list_entries", 0.9, list_filters(body, lower, names, now, tz, categories))
    total = TOTAL_RE.search(lower) is not None
    spent_at = None if total else SPENT_AT_RE.search(body)  # not "what did i spend in total"
    if spent_at is not None and _place(spent_at, categories) is None:
        spent_at = None  # "what did i spend at the grocery store", "… in march": a category or a period
    if spent_at is None and (total or MY_SPENDING_RE.search(lower) is not None
                             or not _asks_for_records(lower)):
        return None
    entities = list_filters(body, lower, names, now, tz, categories, spent_at)
    if "search" not in entities and "category" not in entities and (paid := WHEN_PAID_RE.search(body)) is not None:
        entities["search"] = paid["thing"]  # "when did i pay my car insurance": its entries, not every one
    return Intent("list_entries", 0.9, entities)


def _place(found: re.Match[str], categories: Categoriser) -> str | None:
    """The place a list narrows to; none for a category or a period ("what did i spend in march")."""
    where = place_words(found, categories)
    return where if where is not None and PERIOD_CASED_RE.fullmatch(where.lower()) is None else None


ITEMIZED_RE = gated(r"\bitemi[sz]e\b|\bitemi[sz]ed (?:list|view|breakdown)\b")  # not "itemized bill 900"
# "txns?", "my purchases": a record noun on its own asks for the records
BARE_RECORDS_RE = re.compile(r"(?:my |all (?:my )?|our )?(?:transactions?|txns?|entries|purchases|charges|records|"
                             r"payments|deposits|withdrawals|refunds)\W*$")
# "transactions this week", "my purchases the last 10 days" (with no amount after: "payments today 500 to rahim" is one)
RECORDS_IN_PERIOD_RE = re.compile(r"(?:my |all |our )?(?:transactions|txns|purchases|charges|payments|debits) "
                                  r"(?:(?:from|for|in|over|during) )?(?:the )?(?:this|last|past|today|yesterday)\b")


def _asks_for_records(lower: str) -> bool:
    return LIST_RE.search(lower) is not None or RECORD_CHECK_RE.search(lower) is not None \
        or ONE_BY_AMOUNT_RE.search(lower) is not None or BARE_RECORDS_RE.match(lower) is not None \
        or ((RECORDS_IN_PERIOD_RE.match(lower) is not None or MORE_RECORDS_RE.search(lower) is not None)
            and not DIGIT_RE.search(NOT_AN_AMOUNT_RE.sub(" ", lower)))  # no amount: "payments today 500" is a record


# Numbers that are no amount of a record: a bound's ("over $50"), a year, a day of a month ("on 5 june")
NOT_AN_AMOUNT_RE = re.compile(r"\b" + BOUND_WORDS + r"\s+[$৳€£₹]?\s?\d[\d,.]*"
                              r"(?:\s*(?:and|to|-)\s*[$৳€£₹]?\s?\d[\d,.]*)?|"
                              r"\b20(?:1[5-9]|2\d|3[0-5])\b|\b\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH_NAME + r"|"
                              r"\b" + MONTH_NAME + r"\s+\d{1,2}\b|\blast \d+ (?:days?|weeks?|months?)\b|"
                              # how many records, largest first: "top 5 biggest expenses", "my 3 largest purchases"
                              r"\btop \d{1,2}\b|\b\d{1,2} " + LARGEST_WORDS + r"\b")


# Only a summary says these: income, "my share", a budget; a card's or records' figure with them stays a summary.
SUMMARY_ONLY = frozenset({"direction", "share", "budget"})


def summary_or_list(summary: Intent, body: str, lower: str, names: list[str], now: datetime, tz: str,
                    categories: Categoriser) -> Intent:
    """A spending question's answer: the list card for a card's or named records' figure ("how much did i spend on my
    visa": their records, with their total) or a list asked for, else the summary, narrowed to the shop a figure is
    asked for."""
    listed = lower.startswith(("list ", "itemi")) and "total" not in lower  # "list my spending in food for march"
    if SUMMARY_ONLY.isdisjoint(summary.entities) and (records_figure(lower) or listed or (
            BOUND_HINT_RE.search(lower) is not None and TOTAL_COMPARED_RE.match(lower) is None
            and amount_bounds(body))):
        return Intent("list_entries", summary.confidence, list_filters(body, lower, names, now, tz, categories),
                      parser=summary.parser, reason=summary.reason)
    if (store := store_figure(body, categories)) is not None:
        summary.entities["search"] = store
        if categories.guess(lower.replace(store.lower(), " ")) == "other":
            summary.entities.pop("category", None)  # the shop's own word was the category ("at amazon"): the shop
    elif "category" not in summary.entities and "direction" not in summary.entities \
            and (item := item_figure(body, now, tz, categories)) is not None:
        summary.entities["item"] = item
    return summary


def records_figure(lower: str) -> bool:
    """A figure asked of a payment card or of named records, which the list card answers (see CARD_NAMED_RE)."""
    return (CARD_NAMED_RE.search(lower) is not None and "gift card" not in lower) \
        or RECORDS_FIGURE_RE.search(lower) is not None


def list_filters(body: str, lower: str, names: list[str], now: datetime, tz: str, categories: Categoriser,
                 spent_at: re.Match[str] | None = None) -> dict[str, Any]:
    """The filters of a list request: how many, which period, category, people, place and kind."""
    entities: dict[str, Any] = {}
    if (limit := LIMIT_RE.search(lower) or COUNT_LARGEST_RE.search(lower)) is not None:
        raw = limit["n"].lower()
        entities["limit"] = max(1, min(50, int(raw) if raw.isdigit() else NUMBER_WORDS[raw]))
    if (period := find_period(lower, now, tz)) is not None:
        entities["period"] = {"start": period[0].isoformat(), "end": period[1].isoformat()}
    if names:
        entities["mentions"] = names
    place = spent_at or STORE_FIGURE_RE.search(body) or SEARCH_RE.search(body)
    if place is not None and (where := _place(place, categories)) is not None:
        entities["search"] = where
    unplaced = lower.replace(entities["search"].lower(), " ") if "search" in entities else lower  # not "Pizza Hut"
    if (category := categories.guess(CARD_NAMED_RE.sub(" ", unplaced))) != "other":  # "my visa" is no trip
        entities["category"] = category
    if BOUND_HINT_RE.search(lower):
        entities.update(amount_bounds(body))
    elif (one := ONE_BY_AMOUNT_RE.search(body)) is not None \
            and (found := find_money(one["amount"] or one["amount_after"])) and not found[0].numeral:
        amount = format(found[0].amount, "f")
        entities.update(min_amount=amount, max_amount=amount, **({"currency": found[0].currency}
                                                                  if found[0].currency else {}))
    if LARGEST_RE.search(lower):
        entities["order"] = "largest"
    kinds = [kind for kind, named in (("income", INCOME_LIST_RE), ("settlement", SETTLEMENT_LIST_RE),
                                      ("expense", EXPENSE_LIST_RE)) if named.search(lower)]
    if len(kinds) == 1:
        entities["direction"] = kinds[0]  # "charges and deposits on my visa": both kinds, so no filter
    return entities


BETWEEN_RE = gated(r"\bbetween\s+(?P<low>[$৳€£₹]?\s?\d[\d,]*(?:\.\d+)?)\s*(?P<low_unit>[^\W\d_]{1,7})?\s*"
                        r"(?:and|to|-|–)\s+(?P<high>[$৳€£₹]?\s?\d[\d,]*(?:\.\d+)?(?:\s*[^\W\d_]{1,7})?)",
                        re.IGNORECASE)
MONTH_RE = gated(r"\b" + MONTH_NAME + r"\b", re.IGNORECASE)
DATE_AFTER_RE = re.compile(r"\s*(?:st|nd|rd|th)?\s*" + MONTH_NAME + r"\b", re.IGNORECASE)


def amount_bounds(body: str) -> dict[str, Any]:
    """`min_amount`/`max_amount` (inclusive) of a list asked with "over $100", "under 50" or "between 20 and 50
    dollars", and `currency` when one is written beside them; a day of a month ("between 1 and 15 june") is none."""
    bounds: dict[str, Any] = {}
    if (between := BETWEEN_RE.search(body)) is not None and not DATE_AFTER_RE.match(body, between.end()) \
            and not MONTH_RE.search(between[0]):
        low_text = between["low"] + (" " + between["low_unit"] if between["low_unit"] else "")
        ends = [found[0] for found in (find_money(low_text), find_money(between["high"])) if found]
        if len(ends) == 2 and not any(end.numeral for end in ends):
            low, high = sorted((ends[0].amount, ends[1].amount))
            bounds.update(min_amount=format(low, "f"), max_amount=format(high, "f"))
            if currency := ends[0].currency or ends[1].currency:
                bounds["currency"] = currency
        return bounds
    for span in find_money(body):
        if span.numeral or DATE_AFTER_RE.match(body, span.end):
            continue
        before, after = body[:span.start].lower(), body[span.end:].lower()
        if LOW_BOUND_RE.search(before) or LOW_BOUND_AFTER_RE.match(after):
            bounds["min_amount"] = format(span.amount, "f")
        elif HIGH_BOUND_RE.search(before) or HIGH_BOUND_AFTER_RE.match(after):
            bounds["max_amount"] = format(span.amount, "f")
        else:
            continue
        if span.currency:
            bounds["currency"] = span.currency
    return bounds
