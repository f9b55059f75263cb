"""Customer and meter lookups: "meter 661234567 er recharge", "customer 30000005 balance", "30000005 er balance"."""
from __future__ import annotations

import re
from collections.abc import Set

from core.intents import Intent
from core.nlu import bengali
from core.nlu.gates import gated
from core.nlu.money import CURRENCY_WORD_RE, MoneySpan
from core.nlu.numbers import words_before

# (a short number with a currency after it is money the customer paid: "customer 5000 tk pay korse"; not a customer
# id's balance asked in taka: "customer 30000005 taka koto baki")
NOT_MONEY_AFTER = r"(?:(?<=\d{7})|(?!\s*(?:tk|taka|টাকা|৳|/-|bdt)(?![^\W\d_])))"
CUSTOMER_RE = re.compile(r"\b(?:customer|cust|account|acct|consumer|a/c)\s*(?:no\.?|number|id|#)?\s*[:#]?\s*"
                         r"(\d{4,15})\b(?!-\d)" + NOT_MONEY_AFTER,  # not a phone's first group: "01712-009988"
                         re.IGNORECASE)
# "cust", "acc", "consumer" or "a/c" is in every CUSTOMER_RE match, case aside (`lookup` looks for them)
METER_RE = re.compile(r"\bmeter\s*(?:no\.?|number|id|#)?\s*[:#]?\s*(\d{4,15})\b" + NOT_MONEY_AFTER, re.IGNORECASE)
# a number asked to be looked at by its label, whatever follows a comma ("ei meter ta dekho 54010022341, customer
# bolse bill beshi ashche"); the comma no thousands' group ("12,500,000"), which needs a digit after it
LOOK_AT_RE = re.compile(r"\b(meter|customer|consumer|account)(?: (?:ta|ti|er|no|number))? (?:ektu )?(?:dekho|dekhen|"
                        r"dekhun|check koro|check koren|check) (?:(?:plz|pls|please) )?(\d{7,15}),(?!\d)")
VIEW_WORDS = {"balance": "balance", "due": "balance", "outstanding": "balance", "baki": "balance", "bokeya": "balance",
              "bill": "billing", "billing": "billing", "bills": "billing", "usage": "billing", "recharge": "recharge",
              "recharges": "recharge", "payments": "recharge", "info": "summary", "details": "summary",
              "detail": "summary"}
# A customer or meter id (seven digits or more) asked about in any language: "30000005 er balance koto".
CUSTOMER_NUMBER_RE = re.compile(r"(?<![\d.,])(\d{7,15})(?![\d.,])")
SEVEN_DIGITS_RE = re.compile(r"\d{7}")  # a cheap first look for CUSTOMER_NUMBER_RE
# Long numbers that are someone else's: "order #4410023 status", "tracking no 77812399" are no customer
OTHER_NUMBERS = frozenset({"order", "orders", "tracking", "parcel", "invoice", "ticket", "pnr", "flight", "otp",
                           "phone", "mobile", "awb", "consignment", "shipment", "booking", "pin", "password", "pass",
                           "wifi", "reference", "ref", "code", "po", "imei", "serial", "incident", "inc"})
# a customer's payments or connection asked after, the number its subject or owner: "when did 44551092 last pay?",
# "how much does 33782019 owe", "is 52231106 disconected?", "payments for 41109823", "45002218 er last payment kobe"
# (not "rafi owes me 1500000", "did i pay 1500000 for the flat?", "paid 2500000 to the developer")
CUSTOMER_PAID_RE = re.compile(r"\b(?:did|has|does|is) \d{7,15}(?:'s)? (?:last |ever |already )?(?:pay|paid|owe|"
                              r"disconn?ected)\b|\bpayments? (?:for|of) \d{7,15}\b|"
                              r"\d{7,15} (?:er |এর )?(?:(?:last|লাস্ট)(?: \d{1,2}(?: ta| ti)?)? )?(?:payments?|pay)\b|"
                              r"\d{7,15} (?:er |এর )?(?:line|connection) (?:\S+ )?(?:kata|kete|cut)\b|"
                              # "44551092 paid?", "44551092 paid kina", "44551092 kobe pay korse?": asked
                              r"^\d{7,15} (?:er )?(?:\S+ ){0,2}?(?:paid|pay|payment)\b(?![^.!]*\b(?:dilam|disi|korlam|"
                              r"korsi)\b)[^.!]*(?:\?|\bkina\b|\bnaki\b)|"
                              # "6102938475 last kobe pay korse" (not "… kobe pay korbe jani na")
                              r"^\d{7,15} (?:er )?(?:last |shesh )?kobe (?:bill )?pay (?:korse|koreche|korsilo|"
                              r"korechilo|dise|diyeche)\b(?![^.!]*\b(?:dilam|disi|korlam|korsi)\b)")
# A colleague addressed: asked by name ("@Nusrat dekho to"), named first and spoken to ("@Karim … case ta tomar?",
# "@Rafiq …, tumi dekho") or told to do something ("@Nusrat 35500871 er refund ta process koro")
ADDRESSED = (r"@[\w.]+,? (?:ektu |ekhtu )?(?:dekho|dekhen|dekhben|please|pls|can you|check (?:koro|koren|korben))\b|"
             r"^@[\w.]+\b.*\b(?:tomar|tor|apnar|tumi|tui|apni)\b|"
             r"^@[\w.]+ .*\b(?:process|call|handle|forward|update|close|fix|scan|print) (?:koro|koren|korben|kore dao|"
             r"kore den|korio)\b")
ADDRESSED_RE = re.compile(ADDRESSED)
# a colleague named first ("Rubel bhai meter 661278934 er seal vanga, photo pathaisi"): talk when something is told
COLLEAGUE_FIRST_RE = re.compile(r"^@?[^\W\d_][\w.]* (?:bhai|vai|bhaiya|vaiya|apa|apu|sir|da|bro)\b")
# Asked of the people in the chat, not of the bot: "33670012 er thikana keu janen?", "45002218 customer is at the
# counter, can someone help", "who is handling 52231106's request", "Kamal vai 29004417 er kaj ta kobe korben?"
PEOPLE_ASKED_RE = re.compile(r"\b(?:keu|kew|anyone|anybody|someone|somebody)\b|"
                             r"\bwho(?:'s| is| will) (?:handling|dealing|working|looking|taking|on)\b|"
                             r"\b(?:vai|bhai|bhaiya|apa|apu|sir|madam)\b.*\b(?:korben|dekhben|pathaben|diben|rakhben)\b|"
                             r"\bke (?:bolo|bolen|bolben|bolis)\b|" + ADDRESSED)
# … or told, with nothing asked of the bot: "41002388 er customer abar phone diyeche", "37115640 er customer ke ami
# kalke call korbo" (not "customer call dise, … ektu dekhao to koto bill hoise")
TOLD_RE = re.compile(r"(?:\bphone|\bcall|\bcomplain\w*|\bdhonnobad|ধন্যবাদ|\bthanks) (?:\w+ )?"
                     r"(?:dise|diyeche|diyechen|dilo|korse|koreche|korechen|korlo|korbo|korbe)\b|"
                     r"\bat the counter\b|\bcustomer (?:says|said|bolche|bolse|bollo)\b|"
                     r"\b(?:i|ami) (?:\w+ ){0,6}?(?:korsi|korbo|pathaisi|pathabo|sent|logged|called|emailed|forwarded|"
                     r"will call)\b|\b(?:i|ami) (?:\w+ ){0,6}?kore (?:dilam|disi)\b(?![^?]*\?)|"
                     # "… meter ta replace korte hobe, JE saheb ke janai dio", "… seal vanga, photo pathaisi"
                     r"\b(?:janai|janiye|jaanai) (?:dio|diyo|den|diben|dao)\b|"
                     r"\b(?:replace|change|install|test|repair) korte hobe\b|"
                     r"\b(?:photo|chobi|picture|pic) (?:\w+ )?(?:pathaisi|pathaichi|pathalam|dilam|sent|uploaded)\b")
# … a complaint passed on, told so plainly that a customer's number labelled so is no lookup either: "oi customer
# 28874512 er complain ta GM sir er kache gese"
TOLD_PLAINLY_RE = re.compile(r"\bcomplain\w*(?: \w+){0,5}? (?:er )?kache (?:gese|geche|gelo|pathaisi|pathiyechi)\b|"
                             r"\bcomplain\w* forwarded to\b")
BOT_IMPERATIVE_RE = re.compile(r"\b(?:dekhao|show|janao|status)\b")
ASKED_OF_BOT_RE = re.compile(r"\b(?:dekhao|dekhan|dekhen|dekho|check|khuje|khujo|pathan|pathao|show|koto|kto|janao|"
                             r"janan|pull up|find|look ?up|status|history|details?|info|kobe|obostha|reading)\b|"
                             r"\b(?:balance|bill|dues?)\?")


def people_talk(lower: str) -> bool:
    """Talk among the people in the chat (asked of them, or told), not asked of the bot: about a customer's number,
    or about batches, NOCS or RC/DC (core/nlu/alert_commands.py)."""
    if PEOPLE_ASKED_RE.search(lower) is not None:  # "keu … check koren" asks a colleague; "… status dekhao" the bot
        return BOT_IMPERATIVE_RE.search(lower) is None
    return (TOLD_RE.search(lower) is not None or _passed_on(lower)) and ASKED_OF_BOT_RE.search(lower) is None


def _passed_on(lower: str) -> bool:
    """A complaint passed on, told ("… er complain ta GM sir er kache gese"), not asked ("… kar kache gese?")."""
    return "?" not in lower and TOLD_PLAINLY_RE.search(lower) is not None


# "customer code 30000005" is one
CUSTOMER_WORDS = frozenset({"customer", "cust", "consumer", "account", "acct", "meter"})
LOOKUP_WORD_RE = gated(r"\b(?:balance|bill|billing|bills|due|dues|outstanding|recharges?|usage|info|details?|"
                            r"customer|khuje|khujo|khuja|"
                            r"tariff|(?:sanctioned )?load|security deposit|(?:dis|re)connect(?:ed|ion)?|"
                            r"consumer|account|meter|status|check|show|find|search|lookup|pull up|"
                            + bengali.LOOKUP_WORDS
                            + r")\b")
WORD_RE = re.compile(r"[a-z]+")
# the sender's own payment ("dekho ami 1500000 dilam flat er jonno"), not a customer's ("… bill paid kina dekho")
SENDER_PAID_RE = re.compile(r"\b(?:" + bengali.SENDER_VERBS + r")\b|\bi (?:paid|spent|got|received)\b")
MONEY_REACH = 8  # characters either side of a long number where a currency makes it money ("12500000 taka")
OTHER_FIGURE_RE = re.compile(r"(?<![\d.,])\d(?:[\d,.]*\d)?(?![\d.,])")
BARE_NUMBER_RE = re.compile(r"\s*(?:(?:balance|bill|billing|recharges?|info|details)\s+(?:of|for)?\s*)?"
                              r"(\d+)\s*")


def lookup(lower: str, body: str, customer_id_lengths: tuple[int, ...]) -> Intent | None:
    """A customer or meter asked about (for a message with a digit): by meter, by customer, a bare id of a customer
    id's length, or a long id beside a lookup word in any language."""
    ascii_ = body.isascii()  # then a case-blind pattern matches only where its word is in the lower case
    folded = body.lower()
    if (not ascii_ or "meter" in folded) and (m := METER_RE.search(body)):
        return _asked(lower, {"query": m.group(1), "by": "meter", "view": _view(lower)}, 0.96, labelled=True)
    if (not ascii_ or "cust" in folded or "acc" in folded or "consumer" in folded or "a/c" in folded) \
            and (m := CUSTOMER_RE.search(body)):
        return _asked(lower, {"query": m.group(1), "by": "customer", "view": _view(lower)}, 0.96, labelled=True)
    if ("dekh" in lower or "check" in lower) and (m := LOOK_AT_RE.search(lower)) \
            and not someone_elses_number(lower, m.start(2)):
        by = "meter" if m.group(1) == "meter" else "customer"
        return _asked(lower, {"query": m.group(2), "by": by, "view": _view(lower)}, 0.9, labelled=True)
    digits = BARE_NUMBER_RE.fullmatch(lower)
    if digits and len(digits.group(1)) in customer_id_lengths:
        return Intent("customer_lookup", 0.9, {"query": digits.group(1), "by": "auto", "view": _view(lower)})
    if SEVEN_DIGITS_RE.search(lower) and (m := CUSTOMER_NUMBER_RE.search(lower)) \
            and (LOOKUP_WORD_RE.search(lower) is not None or CUSTOMER_PAID_RE.search(lower) is not None) \
            and not _money_beside(lower, m) and not someone_elses_number(lower, m.start(1)) \
            and ("dekh" not in lower or SENDER_PAID_RE.search(lower) is None):
        return _asked(lower, {"query": m.group(1), "by": "auto", "view": _view(lower)}, 0.85)
    return None


def _asked(lower: str, entities: dict[str, str], confidence: float, *, labelled: bool = False) -> Intent:
    """The lookup, unless it is told or asked of the people in the chat (no model second-guesses that); a number
    labelled a customer's or a meter's ("customer 41002388 call korse, last payment kobe") only unless a colleague is
    addressed."""
    if (ADDRESSED_RE.search(lower) or ((COLLEAGUE_FIRST_RE.match(lower) or _passed_on(lower))
                                       and people_talk(lower))) if labelled \
            else people_talk(lower):
        return Intent("unknown", 0.3, {"outside": "talk"})
    return Intent("customer_lookup", confidence, entities)


# A Bangladeshi mobile number ("01819456723", "8801819456723"): a phone's, never a customer's
MOBILE_RE = re.compile(r"(?:88)?01[3-9]\d{8}(?!\d)")


def someone_elses_number(text: str, start: int) -> bool:
    """The long number at `start` is an order's, a parcel's or a phone's, not a customer's."""
    if MOBILE_RE.match(text, start):
        return True
    last, pair = words_before(text, start)
    return last in OTHER_NUMBERS and pair.split(" ", 1)[0] not in CUSTOMER_WORDS


def _money_beside(lower: str, number: re.Match[str]) -> bool:
    """The long number is money: a currency said in the message, right beside it ("12500000 taka", "tk 12500000"),
    or anywhere when there are other numbers ("30000005 e 500 taka dilam"); not "662003451128 meter e koto taka
    balance ache", a balance asked in taka."""
    if CURRENCY_WORD_RE.search(lower) is None:
        return False
    near = lower[max(0, number.start() - MONEY_REACH):number.end() + MONEY_REACH]
    return CURRENCY_WORD_RE.search(near) is not None or OTHER_FIGURE_RE.search(lower, 0, number.start()) is not None \
        or OTHER_FIGURE_RE.search(lower, number.end()) is not None


def _view(lower: str) -> str:
    return next((VIEW_WORDS[w] for w in WORD_RE.findall(lower) if w in VIEW_WORDS), "summary")


# a customer talked about (not an account or a meter, which CUSTOMER_WORDS also names before a number) …
CUSTOMER_NAMED = frozenset({"customer", "customers", "cust", "consumer", "grahok"})
# … and the sender's own getting or paying: "grahok theke 10000000 pelam" is money, whatever the customer
SENDERS_MONEY = frozenset({*bengali.SENDER_VERBS.split("|"), "received", "got", "paid", "spent", "sold", "bought"})


def a_customers_number(body: str, words: Set[str], span: MoneySpan, lengths: tuple[int, ...], *,
                       money_beside: bool) -> bool:
    """A number of a customer id's length, no currency, in a message about a customer and no money of the sender's
    ("oi customer 3 din dhore token pay na, 40099812, ki korbo"), or beside an amount said with its currency
    ("reconnection done for 33920147, customer paid 3200 tk"): the customer's, not money paid (not "10000000 dilam flat
    er jonno, aro 500000 tk baki": no customer named in it)."""
    digits = body[span.start:span.end].strip()
    return not span.currency and digits.isdigit() and len(digits) in lengths and not words.isdisjoint(CUSTOMER_NAMED) \
        and (money_beside or words.isdisjoint(SENDERS_MONEY))


# A customer's payment told by the staff who saw it ("customer Hasan 4500 tk nagad dise counter e", "dc kore ashar por
# customer 5000 tk pay korse, ekhon RC lagbe"): the customer's money, not the sender's
CUSTOMER_PAID_TOLD_RE = gated(r"\b(?:customer|grahok)\b(?! ke\b)[^,.;?]*?\d[\d,.]*\s*(?:tk|taka)\b[^,.;?]*?"
                              r"\b(?:dise|diyeche|diyechen|disen|dilen|dilo|korse|koreche|korechen)\b(?![^?]*\?)")


def customers_payment_told(lower: str, words: Set[str]) -> bool:
    """A customer's payment told, whatever the sender did after it ("customer 1000 tk dise, change dilam 50": a shop's
    or a desk's, the sender cannot be told apart); `words` are the \\w runs of `lower`."""
    return not words.isdisjoint(CUSTOMER_NAMED) and CUSTOMER_PAID_TOLD_RE.search(lower) is not None
