"""Matters for the bank, not the ledger: disputes, fraud, frozen accounts, transfers on payment apps, balances, fees."""
from __future__ import annotations

import re
from collections.abc import Set

from core.nlu.gates import gated

# The bank's business, not the ledger's: a charge the user disputes, a declined card, money moved between their own
# accounts, a statement's due date or minimum, a credit report, a card application. Neither an entry to record nor
# entries to list.
BANK_MATTER_RE = gated("|".join((
    r"\b(?:don'?t|do not|didn'?t|did not|never|cannot|can'?t) (?:recogni[sz]e|authori[sz]e)\b",
    r"\b(?:didn'?t|did not|never) (?:make|made) (?:this|that|these|those|the|a|an|any) (?:\w+ )?"
    r"(?:charges?|purchases?|transactions?|payments?)\b",
    r"\b(?:something|things?|stuff|items?) (?:that )?(?:i|we) (?:didn'?t|did not|never) "
    r"(?:buy|order|purchase|make|bought|ordered|purchased|made)\b",
    r"\bunauthori[sz]ed\b|\bfraud\w*|\bdeclined?\b|\bdisputed?\b",
    r"^(?:can|could|how do|how can) (?:i|we) (?:get|ask for|request|claim) (?:a |my |our )?refund\b",
    # "suspicious charges on my card", "a purchase on my checking that i did not make", "transactions that aren't mine"
    r"\b(?:suspicious|questionable|false|fake|strange|weird|shady|sketchy) (?:\w+ ){0,2}"
    r"(?:charges?|transactions?|purchases?|payments?|activity)\b",
    r"\b(?:aren'?t|are not|isn'?t|is not|wasn'?t|weren'?t) mine\b",
    r"\b(?:charges?|purchases?|transactions?|payments?)\b.*\b(?:i|we) (?:didn'?t|did not|never) "
    r"(?:make|made|do|authori[sz]e)\b",
    r"\b(?:transfer\w*|move|moved|moving|send|sent|put|add|added)\b.*\b(?:savings|checking)\b|"
    r"\bcredit (?:report|score)\b",
    # a charge disputed: "uber charged me twice how do i get my money back"
    r"\b(?:charged?|billed|refund|purchase|order|transaction|subscription|merchant)\b.*\bhow (?:do|can|could) (?:i|we) "
    r"get (?:my|our|the) money back\b(?! from\b)(?!.*\bowes?\b)",
    r"\bstatement credit\b|\bmin(?:imum)? (?:due|payment)\b|\bdue date\b|\bdue (?:this|next)\b",
    r"\bavailable (?:credit|to spend|balance)\b|\bhave (?:available|left) to spend\b|\bstatement balance\b",
    r"\b(?:payment|deposit|transfer|refund|salary|paycheck|charge|transaction|purchase|cheque|check)s?\b.*"
    r"\b(?:didn'?t|hasn'?t|haven'?t|has not|did not|never|still not) (?:\w+ )?(?:show(?:n|ed)? up|post(?:ed)?|"
    r"clear(?:ed)?|arrived?|come in|hit)\b")))
BANK_MATTER_HINTS = frozenset({"recognize", "recognise", "make", "made", "authorize", "authorise",
                               "unauthorized", "unauthorised", "decline", "declined", "dispute", "disputed",
                               "savings", "checking", "credit", "min", "minimum", "due", "available", "statement",
                               "didn", "didnt", "hasn", "hasnt", "haven", "havent", "not", "never", "suspicious",
                               "questionable", "false", "fake", "strange", "weird", "shady", "sketchy", "mine", "back",
                               "refund"})
# Money sent through a payments app ("zelle my mom 50", "send $40 to jake on venmo"): the app's business, not a record
BANK_APP_RE = gated(r"^(?:please |pls |can you |could you )?(?:zelle|venmo)\b(?: \w+){0,2}(?: \$| [\d৳€£])|"
                         r"^(?:please |pls |can you |could you )?(?:send|transfer|pay)\b.*\b(?:on|via|through|with) "
                         r"(?:venmo|zelle|paypal|cash ?app)\b|"
                         # a transfer asked of the bank: "send 50 bucks to jake from my bank account"
                         r"^(?:please |pls |can you |could you )?(?:send|transfer|wire|move)\b.*\bfrom (?:my|our) "
                         r"(?:bank|checking|savings)\b|"
                         # dollars to send asked of the bot, as of a bank ("send $50 to my sister for the dinner",
                         # "send 50 dollars to mike"); "send 500 to karim" notes what was sent, as the ledger's users
                         # write, and money sent is a record ("send $20 to rahim yesterday")
                         r"^(?:please |pls |can you |could you )?(?:send|transfer|wire)\s+"
                         r"(?:\$\s?\d[\d,.]*|\d[\d,.]*\s?(?:dollars?|bucks|usd))\s+to\b(?!\s*(?:@|<at>))"
                         r"(?!.*\b(?:yesterday|gotokal|done|already|ago|earlier|last night)\b)|"
                         # a phone's top-up asked of the bot, as of an operator's app: "recharge my mobile with 299"
                         r"^(?:please |pls |can you |could you )?(?:recharge|top up|topup) (?:my|the|this) "
                         r"(?:mobile|phone|number|sim|cell) (?:with|for) (?:tk |৳ ?|rs\.? ?)?\d[\d,.]*"
                         r"(?: ?(?:tk|taka|rs|rupees|bdt|inr))?(?: please| pls)?\W*$")
# A transfer gone wrong, the app's to answer: money that did not arrive or is stuck ("bkash e 5000 pathalam kintu ashe
# nai"), a payment that failed ("bkash 500 failed"; not "paid 1200 via bank, first attempt failed"), or money taken
# asked about ("nagad theke 200 kete nise keno"; "bkash charge 18.5 kete nise" is a fee to record). Simple searches,
# not one pattern: nested wildcards over a 4,000-character message take seconds.
APPS = frozenset({"bkash", "nagad", "rocket", "bank"})
APP_RE = gated(r"\b(?:bkash|nagad|rocket|bank)\b")
NOT_ARRIVED_RE = gated(r"\b(?:ashe ?nai|ase ?nai|ashe ?ni|ashlo na|ashche na|pai ?nai|pailam na|"
                            r"atke ?(?:ase|ache|gese))\b")
FAILED_RE = gated(r"\bfail(?:ed)?\b")
TAKEN_RE = gated(r"\bkete (?:nise|nilo)\b")
WHY_RE = gated(r"\b(?:keno|why)\b")
PAID_WORDS = frozenset({"paid", "dilam", "disi", "korsi", "korlam", "pathalam", "pathaisi", "deposit", "deposited"})
BANK_APP_HINTS = frozenset({"zelle", "venmo", "paypal", "app", "cashapp", "bank", "checking", "savings", "send",
                            "transfer", "wire", "recharge", "top", "topup"})
# Asked without an amount ("whats my bank balance", "why did the bank charge me an overdraft fee"); with one,
# "bank fee 100" and "overdraft fee 35" are charges to record.
PAYMENT_CARD = r"(?:card|visa|amex|mastercard|discover|freedom|sapphire)\b"
# A utility's or a card's bill ("my electric bill", "my sprint bill", "all my bills"), not a dinner's
BILLER = (r"(?:(?:(?:utility|electric|electricity|water|gas|phone|cable|internet|cell|wifi|sprint|verizon|comcast|"
          r"at&t|t-mobile|credit card|card|visa|amex|mastercard) )?(?:bills?|bils)|credit card|card|visa|amex|"
          r"mastercard)\b")
BANK_QUESTION_RE = gated("|".join((
    r"\b(?:bank|checking|savings) (?:account )?balance\b|\bcredit limit\b|\boverdraft\b",
    # a payment app's own balance: "amar bkash e balance koto ache", "nagad er balance", "balance in my bkash" (not a
    # group's "wallet", nor "Bikash", a name)
    r"\b(?:bkash|nagad|rocket)(?: e| er| a| account)? (?:\w+ )?balance\b|"
    r"\bbalance (?:in|on) (?:my )?(?:bkash|nagad|rocket)\b",
    # a card's rewards: "how much cash back have i earned"
    r"\bhow much cash back (?:have|did|do) (?:i|we) (?:earn|earned)\b|\b(?:reward|rewards) points\b",
    r"\bleft in (?:my |the )?(?:checking|savings)\b|\bbank (?:fees?|charges?|charged?)\b",
    r"\btotal (?:of|in) (?:all )?my bank accounts\b|\b(?:money|cash|balance) across (?:all )?(?:of )?(?:my|our) "
    r"accounts\b|"
    r"\bhow much money do (?:i|we) have (?:in|across|on) (?:my|our) (?:bank|accounts?|checking|savings)\b",
    # "how much do i owe on my visa": the card's statement balance, not a friend's debt ("owe for the birthday card")
    r"\bowe on my (?:\w+ )?(?:credit card|card|visa|amex|mastercard|discover|car loan|student loan|mortgage)\b",
    # "what's my current balance on the amex": the card's own balance
    r"\bbalance (?:on|of) (?:my |the )?(?:\w+ )?(?:credit card|card|visa|amex|mastercard|discover)\b",
    # what a biller says is due: "how much do i owe on my electric bill", "total due on my bills this week"
    r"\bowe on (?:all )?(?:my|the) (?:upcoming |monthly )?" + BILLER +
    r"|\b(?:outstanding|due) (?:amount |balance )?on my "
    r"(?:latest |current |last |next )?" + BILLER + r"|\btotal due on (?:all )?my " + BILLER +
    r"|\b(?:account|acount|accnt) balance\b(?! with)",
    # a card's interest, a daily limit, a block on an account
    r"\binterest (?:am i |do i |i'?m |are we )?(?:paying|charged|rate)\b|\b(?:how much|what|any) interest\b|"
    r"\b(?:daily|atm|withdrawal) (?:(?:atm|withdrawal|spending|card|debit|purchase) )*limit\b|"
    r"\ba block (?:put )?on (?:my|the|our)\b|\bput a block on\b|\bfreeze (?:to be )?(?:put )?on (?:my|the|our)\b|"
    r"\baccount (?:is |was |got |been )?frozen\b",
    r"\b(?:a |any |extra )?(?:charges?|fees?) (?:for|to) us(?:e|ing) (?:my|the|a|our) (?:\w+ ){0,2}?card\b",
    # "stop all payments from my bank", "block transactions on my citi checking": freezing an account
    r"\b(?:stop|block|freeze|halt|prevent) (?:all |any |future |further |my |the )*(?:\w+ )?"
    r"(?:transactions?|payments?|activity)\b(?! (?:to|from) @)",
    r"\b(?:card |credit |loan |mortgage )?application\b.*\b(?:go|gone|went) through\b")))
# Each phrase of BANK_QUESTION_RE holds one of these words.
BANK_QUESTION_HINTS = frozenset({"balance", "overdraft", "bank", "credit", "checking", "savings", "owe", "fee", "fees",
                                 "due", "outstanding", "interest", "limit", "frozen",
                                 "charge", "charges", "card", "stop", "block", "freeze", "halt", "prevent",
                                 "application", "accounts", "cash", "reward", "rewards"})
# A card's fees and limit are its terms: "are there transaction fees on my amex in japan", "how much can i spend on my
# visa", "what's my visa limit"; fees one paid ("show my foreign transaction fees") are records, and a budget named
# makes it a budget's limit. Whole-message patterns (match at 0), tried only beside a fee or a card's name.
CARD_TERMS_RE = re.compile("|".join((
    r"(?!.*\b(?:spent|spend|paid|pay|my (?:\w+ ){0,2}fees|did i|have i)\b).*"
    r"\b(?:(?:international|foreign|transactions?|annual|yearly|monthly|maintenance|late(?: payment)?|cash advance|"
    r"balance transfer) fees?|fees? (?:for|on) (?:international|foreign))\b",
    r"(?!.*\bbudget)(?:.*\b)?how much (?:(?:can|could|may) (?:i|we)|am i allowed to) (?:spend|charge|put) "
    r"(?:on|with|wth) (?:my|the|our) (?!gift )(?:\w+ ){0,2}?" + PAYMENT_CARD,
    r"(?!.*\bbudget)(?:.*\b)?(?:(?:spending )?limit (?:on|for) (?:my|the) (?:\w+ ){0,2}?" + PAYMENT_CARD + "|"
    r"(?:visa|amex|mastercard|discover|card) limit\b)")))
CARD_TERMS_HINTS = frozenset({"fee", "fees", "card", "visa", "amex", "mastercard", "discover", "freedom", "sapphire"})


def bank_matter(lower: str, words: Set[str], digits: bool) -> bool:
    """The bank's or a payment app's business; `words` are the \\w runs of `lower`, `digits` whether it holds any."""
    disputed = not words.isdisjoint(BANK_MATTER_HINTS) or "fraud" in lower
    return (disputed and BANK_MATTER_RE.search(lower) is not None) \
        or (not words.isdisjoint(BANK_APP_HINTS) and BANK_APP_RE.search(lower) is not None) \
        or (not words.isdisjoint(APPS) and _gone_wrong(lower, words)) \
        or (not digits and _bank_question(lower, words))


def _gone_wrong(lower: str, words: Set[str]) -> bool:
    """A transfer through an app or a bank that did not arrive, failed or was taken, asked about (see APPS); the
    trouble told after the app ("power fail, …, bkash e diyechi" is a payment)."""
    app = APP_RE.search(lower)
    if app is None:
        return False
    after = app.start()
    return NOT_ARRIVED_RE.search(lower, after) is not None \
        or (FAILED_RE.search(lower, after) is not None and words.isdisjoint(PAID_WORDS)) \
        or (TAKEN_RE.search(lower, after) is not None and WHY_RE.search(lower) is not None)


def _bank_question(lower: str, words: Set[str]) -> bool:
    if not words.isdisjoint(BANK_QUESTION_HINTS) and BANK_QUESTION_RE.search(lower) is not None:
        return True
    return not words.isdisjoint(CARD_TERMS_HINTS) and CARD_TERMS_RE.match(lower) is not None
