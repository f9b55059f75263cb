"""Who paid a record when the sender did not: someone named first ("bob paid 400 for the taxi", "mitu amar jonno 250
dise"), and whether all of it was for the sender ("bob paid 400 for me")."""
from __future__ import annotations

import re
from collections.abc import Set

from core.nlu import mentions as mention_text
from core.nlu.categories import Categoriser
from core.nlu.gates import gated
from core.nlu.income import FAMILY

_NAMED = r"(?:(?P<tag><at>[^<]*</at>|@[\w.]+)|(?P<name>[^\W\d_][\w\u0980-\u09ff.]*))\s+"
_SOMEONE = r"^\s*" + _NAMED
HONORIFICS = ("bhai", "vai", "apu", "apa", "da", "dada")  # after a name: "karim bhai 3000 dise rent er jonno"
_HONORIFIC = r"(?:(?P<honorific>" + "|".join(HONORIFICS) + r")\s+)?"
# "bob paid 400 for the taxi", "Jamal bhai paid 250 for the CNG": someone else paid (a mention, or a bare name that is
# not a pronoun).
PAID_BY_RE = re.compile(_SOMEONE + _HONORIFIC + r"(?:paid|payed|covered)\b", re.IGNORECASE)
NOT_A_PAYER = frozenset({"i", "we", "you", "he", "she", "they", "it", "who", "someone", "somebody", "everyone",
                         "just", "already", "also", "finally", "have", "had", "has", "was", "ive", "me", "us",
                         "the", "a", "an", "bill", "rent", "salary", "amount", "total", "nobody", "what", "how",
                         "when", "where", "why", "which", "if", "not", "never", "ami", "amra", "and", "then", "so",
                         "got", "get", "been", "be", "being", "is", "are", "were", "am", "client", "customer",
                         "boss", "company", "employer", "buyer", "tenant", "tumi", "apni", "tui", "se", "o", "uni",
                         "ora", "tara", "tini", "keu", "kew", "unara", "tomra", "apnara", "era", "getting", "gets",
                         "সে", "তিনি", "উনি", "ও", "তারা", "ওরা", "কেউ", "আমি", "তুমি", "আপনি"})
# a relative's money may be a gift ("bhabi amar jonno 2000 dise eid salami"): not read as paid on the sender's behalf
KIN = FAMILY | {"bhabi", "nanu", "chachu", "mamu", "dadu", "fupu", "fufu", "khalamoni", "kaka", "kaki", "mami",
               "chachi", "ভাবি", "ভাইয়া", "আপু", "মা", "বাবা", "আব্বু", "আম্মু", "নানু", "দাদু", "মামা", "চাচা", "খালা", "ফুপু"}
# Someone paid for the sender, said the Bengali-English way: "mitu amar jonno 250 dise" (mitu gave 250 for me),
# "সাকিব আমার হয়ে ৪৫০ দিয়ে দিয়েছে" (on my behalf),
# "rahim amar lunch er 300 dilo", "Mahin bhai amar biriyani er 180 tk dise"; a verb of the one named, never the sender's
GAVE_FOR_ME = frozenset({"dise", "dilo", "diyeche", "dilen", "diyechen", "disen"})
# what someone gave back of the sender's own ("rafi amar paona er 500 dise"): no payment for the sender
OWN_MONEY = r"(?!(?:paona|pawna|baki|taka|tk|dena|dhar|dhaar|hisab|hishab)\b)"
# an amount given, by a giver's verb, not denied nor asked: "… 250 dise", not "… dise na", "… dise kina jani na"
_AMOUNT = r"(?:tk\.?\s?|৳\s?)?\d[\d,.]*k?\s*(?:taka|tk|৳)?"
# … or paid so ("nirob foodpanda te 860 pay korse"): these words alone are no payment ("korse" is any doing)
PAY_DONE = frozenset({"korse", "korche", "koreche", "korechen", "korsen"})
_GAVE_VERB = "(?:" + "|".join(sorted(GAVE_FOR_ME)) + "|(?:pay|pe) (?:" + "|".join(sorted(PAY_DONE)) + "))"
_GIVEN = (_AMOUNT + r"\s*(?:diye\s+)?" + _GAVE_VERB + r"\b"
          r"(?![^,.;]*\b(?:na|ni|kina|naki|mone hoy|hoyto)\b)(?![^,.;]*\?)")
PAID_FOR_ME_RE = re.compile(
    _SOMEONE + _HONORIFIC + r"amar\s+(?:(?:jonno|hoye|হয়ে|(?:" + OWN_MONEY + r"[^\W\d_][\w'-]*\s+){1,3}?(?:er|r)"
    r"(?:\s+jonno)?)\s+" + _GIVEN + "|"
    # … a bill or a fare, then the verb, then the amount: "sadia amar hoye parlour er bill dise 3000" (not a loan, a
    # gift or money sent: "rafi amar jonno dhar dise 5000")
    r"(?:jonno|hoye)\s+(?:[^\W\d_][\w'-]*\s+){0,2}?(?:(?:er|r)\s+)?(?:bill|vara|bhara|fare|fees?|ticket)\s+"
    + _GAVE_VERB + r"\s+" + _AMOUNT + r"[\s.!]*$)", re.IGNORECASE)  # (not asked: "… dise 3000?")
# Someone else paid for a thing, said the Bengali-English way, the one named first: "rafi 500 dise taxi te", "sumi 1800
# dise hotel er jonno", "sumi hotel er jonno 1800 dise" (a giver's verb, never the sender's "dilam"), the thing what a
# flat, a trip or a family spends on together (see `SHARED_THINGS`)
_THING = r"(?:[^\W\d_][\w'-]*\s+){1,3}?(?:er\s+jonno|e|te)\b"
# … or a bill or a fare named bare, the amount after the verb or before it: "Shakib current bill dise 2340 tk"
# (not "Rahim er … bill", whose bill it is; nor "Karim sir …", "Nasir uncle …": a title or a relative, not a thing)
_BILL = (r"(?!(?:er|r|sir|madam|uncle|aunty|auntie|mama|chacha|khala|bhabi|vabi|saheb|sahab)\b)"
         r"(?:[^\W\d_][\w'-]*\s+){0,2}?(?:bill|vara|bhara|fare|ticket)")
GAVE_FOR_A_THING_RE = re.compile(_SOMEONE + _HONORIFIC + r"(?:" + _GIVEN + r"\s+(?P<thing>" + _THING + r")|"
                                 r"(?P<thing2>" + _THING + r")\s+" + _GIVEN + "|"
                                 r"(?P<thing3>" + _BILL + r")\s+(?:" + _GAVE_VERB + r"\s+" + _AMOUNT
                                 + r"[\s.!]*$|" + _GIVEN + r"))", re.IGNORECASE)
# … or named last, a clause of its own after the thing and its amount: "bazar 850 tk, nila dise", "taxi 300, joy
# paid", "বাজার ৮৫০ টাকা, নীলা দিয়েছে" (not "bazar 850 tk kal dise": with no comma, the word before the verb is as
# often a time, a wallet or how it was paid as a name)
# (the amount's digits taken whole, from their first: a long run of them is not tried at every place it could end)
NAMED_LAST_RE = re.compile(r"^(?P<thing>[^,;]*?(?<![\d,.])\d++(?:[,.]\d++)*+k?(?:\s*(?:taka|tk|৳))?)\s*[,;]\s*" + _NAMED
                           + _HONORIFIC + r"(?:" + _GAVE_VERB + r"|paid)[\s.!]*$", re.IGNORECASE)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
# words where a payer would be, before a giver's verb or a bill, that name no one who shares: a time, a currency, how
# much of it, a wallet, what was given ("… 50 tk discount dise"), a company or a shop, a pointer, a relative, a month
NOT_NAMED_LAST = frozenset({
    "kal", "kalke", "aj", "aaj", "ajke", "aajke", "today", "yesterday", "tomorrow", "gotokal", "porshu", "pore",
    "ekhon", "akhon", "ekhoni", "sokale", "shokale", "bikele", "dupure", "raate", "rate", "rat", "ratre", "abar",
    "agei", "already", "just", "tk", "taka", "bdt", "usd", "dollar", "dollars", "euro", "euros", "rs", "inr", "rupees",
    "pound", "pounds", "fully", "full", "half", "partially", "partly", "jointly", "separately", "all", "both", "self",
    "due", "auto", "autopay", "puro", "sob", "sobai", "shobai", "keu", "ta", "ti", "hoye", "ke", "ki", "bill",
    "advance", "online", "total", "mot", "baki", "extra", "beshi", "kom", "cash", "cashe", "card", "carde", "bkash",
    "bkashe", "bikash", "nagad", "nogod", "nogode", "rocket", "visa", "amex", "mastercard", "upay", "bank",
    "discount", "change", "tips", "tip", "baksis", "bakshish", "vat", "tax", "toll", "charge", "fee", "fees",
    "service", "delivery", "agora", "shwapno", "restaurant", "waiter", "driver", "agoda", "expedia", "booking",
    "biman", "treat", "desco", "dpdc", "titas", "link3", "wasa", "grameenphone", "gp", "banglalink",
    "teletalk", "carnival", "amber", "shohoz", "dokandar", "owner", "manager", "hotel", "ei", "oi", "notun",
    "purano", "eta", "ota", "oita", "eita", "flat", "meter", "husband", "wife", "bou", "jamai", "maa", "vaia", "bua",
    "beta", "meye", "chele", "swami", "stri", "shoshur", "shashuri", "vabi", "dulavai", "dulabhai", "shala", "fufa",
    "jiju", "mostly", "pura", "successfully", "deposit", "balance", "remaining", "myself", "nije", "aagei", "kalkei",
    "ekai", "ajker", "gotokaler", "adha", "alada", "shudhu", "ebl", "dbbl", "brac", "mess", "fund", "dokane",
    "unimart", "meena", "app", "qr", "insurance", "sponsor", "rickshawala", "agency", "tomar", "apnar", "tor",
    "sobar", "shobar", "gotomaser", "agermaser", "last", "postpaid", "internet", "grahok", "consumer", "amar",
    "নিজে", "দোকানদার", "অফিস", "ক্যাশ", "বিকাশ", "বিকাশে", "পুরোটা", "কালকে",
    *_MONTHS, *[month + ending for month in _MONTHS for ending in ("r", "er", "ir")],
    "januarir", "februarir", "marcher", "aprilir", "juner", "julair"})
# "… sobar hoye", "… amader jonno": for everyone, the sender among them (from a run's first space: not tried at each)
FOR_ALL_RE = re.compile(r"(?<!\s)\s+(?:(?:amader|amar)\s+)?(?:sobar|shobar|amader)\s+(?:jonno|hoye)[\s.!]*$",
                        re.IGNORECASE)
# Not money given to the sender (a salary, a refund, a gift, a loan, school fees: a giver pays the sender as often),
# nor given by a day, a place or a wallet ("rafi 500 dise kal rat e", "… cash e", "… bkash e"): those categories only.
SHARED_THINGS = frozenset({"food", "groceries", "transport", "utilities", "rent", "health", "entertainment", "travel"})
# … nor beside the sender's own part, a loan's words or a question ("rafi 500 dise taxi te, ami dilam 300", "… amake",
# "… dhar hisebe", "… kalke ferot dibo", "rafi ki taxi te 500 dise")
NOT_GIVEN_FOR_A_THING = frozenset({"ami", "amar", "amake", "amay", "amra", "amader", "ki", "dhar", "loan", "ferot",
                                   "hisebe", "baki", "paona", "dena", "advance", "gift", "salami", "nijer", "tar",
                                   "tader", "oder", "unar"})  # (and not their own: "… tar nijer taxi te")
# a word before an honorific that is no name ("boro bhai", "tomar bhai"), and relatives named in English
NOT_NAMED_BEFORE = frozenset({"boro", "choto", "mejo", "sejo", "tomar", "tar", "or", "apnar", "oder", "tader", "unar",
                              "amar", "amader", "tomader", "my", "your", "our", "his", "her", "their", "accha", "acha",
                              "achha", "ji", "jee", "haan", "ha", "hae", "ok", "okay", "oi", "ei", "hey", "yes"})
# … and who is no one to share with: a boss, a shop, a company ("sir 1000 dise lunch er jonno")
NOT_SHARERS = frozenset({"sir", "madam", "boss", "office", "company", "bank", "dokan", "shop", "school", "college",
                         "govt", "sarkar", "bkash", "nagad", "uber", "pathao", "foodpanda", "daraz", "landlord",
                         "bariwala", "malik", "client", "customer", "insurance", "agency", "sponsor"})
ENGLISH_KIN = frozenset({"dad", "daddy", "mom", "mum", "mommy", "father", "mother", "uncle", "aunt", "aunty", "auntie",
                         "brother", "sister", "bro", "sis", "grandpa", "grandma", "dulabhai", "nanu", "dadu"})
# Someone bought a thing for the sender: "rafi amar jonno 300 tk er boi kinse", "mitu amar jonno ekta boi kine dise 300
# tk" (the amount anywhere after "amar jonno"); the buyer's verbs, never the sender's ("kinlam", "kinsi")
BOUGHT_FOR_ME = frozenset({"kinse", "kinlo", "kineche", "kinechen", "kinsen", "kinlen"})
BOUGHT_FOR_ME_RE = re.compile(
    _SOMEONE + _HONORIFIC + r"amar\s+jonno\s+(?=[^,.;?]*\d)[^,.;?]{0,60}?\b(?:" + "|".join(sorted(BOUGHT_FOR_ME)) +
    r"|kine\s+(?:" + "|".join(sorted(GAVE_FOR_ME)) + r"))\b"
    r"(?![^,.;]*\b(?:na|ni|kina|naki|mone hoy|hoyto)\b)(?![^,.;]*\?)"
    r"(?!.*\b(?:ami|amra)\b.*\b(?:dilam|disi|diyechi|dichi)\b)", re.IGNORECASE)  # "… kintu ami taka dilam"
# all of what someone else paid was the sender's: "bob paid 400 for me", "… on my behalf", "… for my share"; not
# "for me and @nadia" (shared by the payer, the sender and nadia)
FOR_ME_RE = gated(r"\b(?:paid|payed|covered)\b[^,.;]*\b(?:for me|on my behalf|for my (?:share|part))\b"
                  r"(?!\s*(?:and|&|\+|n|plus|@|<at>)(?:\s|$)|,(?!\s*(?:so|but|because|coz|cuz|tai|then|thanks)\b))")
# (not "for me and @nadia", "for me, nadia and sumi"; "for me, so i owe her" is all the sender's)


def paid_for_me(body: str, words: Set[str]) -> re.Match[str] | None:
    """Someone else paid for the sender, said the Bengali-English way; `words` are the \\w runs of `body` in lower
    case."""
    if "amar" not in words or (words.isdisjoint(GAVE_FOR_ME) and words.isdisjoint(BOUGHT_FOR_ME)
                               and words.isdisjoint(PAY_DONE)):
        return None
    found = PAID_FOR_ME_RE.match(body) or BOUGHT_FOR_ME_RE.match(body)
    # not family's: "abbu amar jonno 2000 dise" may be a gift as well as paid on the sender's behalf
    return found if found is not None and _name(found, None, KIN) != "" else None


# the sender paying too: "so i'm paying today 800", "ami dilam" (not "so i owe her": that is the question)
SENDER_PAID_RE = re.compile(r"\b(?:i|we)(?:'m|'ll| am| will)? (?:paid|pay|paying|spent|spend|bought|covered)\b|"
                            r"\b(?:ami|amra)\b.*\b(?:dilam|disi|dichi|diyechi|kinlam|kinsi)\b")
# Someone paid for the sender but is not named: "she paid 500 for me", "ora amar jonno 500 dise"
THEY = frozenset({"he", "she", "they", "someone", "somebody", "se", "o", "uni", "ora", "tara", "tini", "unara", "era",
                  "keu", "সে", "তিনি", "উনি", "ও", "তারা", "ওরা", "কেউ"})


def gave_for_a_thing(body: str, words: Set[str], categories: Categoriser) -> re.Match[str] | None:
    """Someone named paid for a thing shared, said the Bengali-English way ("rafi 500 dise taxi te"), not a relative
    (it may be a gift) nor a pronoun; `words` are the \\w runs of `body` in lower case."""
    found = _given_for_a_thing(body, words, categories)
    if found is None or (name := _name(found, None, KIN | ENGLISH_KIN | NOT_SHARERS | NOT_NAMED_LAST)) == "":
        return None
    # a bill's owner, not who paid it: "Rahimer current bill dise 2340" (Rahim's bill)
    return None if found.re is GAVE_FOR_A_THING_RE and found["thing3"] and name.lower().endswith("er") else found


def _given_for_a_thing(body: str, words: Set[str], categories: Categoriser) -> re.Match[str] | None:
    if words.isdisjoint(GAVE_FOR_ME) and words.isdisjoint(PAY_DONE) and "paid" not in words:
        return None  # no giver's verb: most records, told without a scan
    if (for_all := FOR_ALL_RE.search(body)) is not None:
        body, words = body[:for_all.start()], words - {"amader"}
    if not words.isdisjoint(NOT_GIVEN_FOR_A_THING):
        return None
    if (found := GAVE_FOR_A_THING_RE.match(body)) is not None:
        thing = found["thing"] or found["thing2"] or found["thing3"]
    elif (found := NAMED_LAST_RE.match(body)) is not None:
        thing = found["thing"]
    else:
        return None
    return found if categories.guess(thing) in SHARED_THINGS else None


def unnamed_payer(body: str, lower: str, words: Set[str], categories: Categoriser) -> bool:
    """Someone paid an amount for the sender, named by a pronoun only: who the sender owes cannot be told (not "she
    covered for me at work", no money, nor "she paid for me last time so i'm paying 800 today", the sender's own)."""
    if words.isdisjoint(THEY) or SENDER_PAID_RE.search(lower) or "@" in lower or "<at>" in lower \
            or not any(c.isdigit() for c in lower):
        return False
    found = PAID_FOR_ME_RE.match(body) or BOUGHT_FOR_ME_RE.match(body) if "amar" in words else None
    if found is None and not words.isdisjoint(GAVE_FOR_ME):
        found = _given_for_a_thing(body, words, categories)  # "se 500 dise taxi te"
    if found is None and FOR_ME_RE.search(lower):
        found = PAID_BY_RE.match(body)
    return found is not None and not found["tag"] and found["name"].lower() in THEY


def who_paid(body: str, lower: str, cleaned: mention_text.Cleaned, for_me: re.Match[str] | None,
             verbs: Set[str]) -> str | None:
    """Who paid, when the message starts with someone else paying ("bob paid 400 for the taxi") or giving for the
    sender (`for_me`, what `paid_for_me` found); `verbs` are words no name is ("split paid 400")."""
    found = for_me
    if found is None and ("paid" in lower or "payed" in lower or "covered" in lower):
        found = PAID_BY_RE.match(body)
    return (_name(found, cleaned, verbs) or None) if found is not None else None


def _name(found: re.Match[str], cleaned: mention_text.Cleaned | None, not_names: Set[str]) -> str:
    """The one named by `found`, "" when it is no one's name (a pronoun, a word such as "bill", one of `not_names`: a
    verb, a relative, or a word before an honorific that is none: "boro bhai")."""
    if found["tag"]:
        if cleaned is None:
            return found["tag"]
        return next((span.name for span in cleaned.mentions if span.start == found.start("tag")), "")
    name = found["name"]
    if found["honorific"] and name.lower() in NOT_NAMED_BEFORE:
        return ""
    return "" if name.lower() in NOT_A_PAYER or name.lower() in not_names else name


# after a payer: an honorific, or the verb of one named last ("bazar 850 tk, sumon bhai pay korse")
AFTER_PAYER = frozenset(HONORIFICS) | PAY_DONE | {"pay", "pe", "paid"}


def without_payer(description: str, payer: str) -> str:
    """A record's description without the payer's name, an honorific right after it ("Jamal bhai"), and the verb of
    their giving ("mitu dise": "")."""
    dropped = {payer.lower(), "diye", "hoye", "হয়ে", "kine", *GAVE_FOR_ME, *BOUGHT_FOR_ME}
    kept, after_payer = [], False
    for word in description.split():
        if (lower := word.lower()) in dropped or (after_payer and lower in AFTER_PAYER):
            after_payer = lower == payer.lower() or (after_payer and lower in AFTER_PAYER)  # "sumon bhai pay korse"
            continue
        after_payer = False
        kept.append(word)
    return " ".join(kept).rstrip(" ,;")  # "bazar , nila dise": "bazar"


# Who paid put right, which a correction cannot change: "rafi paid, not me", "no, bob paid it", "not me, rakib
# paid", "oita sumi dise, ami na", "ami dei nai, sumi dise" (no amount: with one it is a new record)
_PAYER = r"(?:@?[^\W\d_][\w\u0980-\u09ff.]*|<at>[^<]*</at>)"
_PAYER_VERB = r"(?:paid|payed|covered)(?: (?:it|that|for (?:it|that)))?"
_BENGALI_GAVE = r"(?:dise|disse|diyeche|dilo|dilen|disen|pay korse|pay koreche)"
PAYER_FIX_RE = re.compile(
    r"^\s*(?:(?:no+|nope|na|wait|sorry|oops|actually)[\s,.!]+)*(?:"
    r"(?:it was |that was )?(?P<name>" + _PAYER + r") " + _PAYER_VERB + r",? not (?:me|i|him|her|" + _PAYER + r")|"
    r"not (?:me|i)[,.]? (?P<name2>" + _PAYER + r") " + _PAYER_VERB + r"|"
    r"(?:(?:oita|ota|eta|oi ta|ei ta|last ta) )?(?P<name3>" + _PAYER + r") " + _BENGALI_GAVE +
    r" ?[,.]? (?:ami|আমি) (?:na|dei nai|dini|deini)|"
    r"(?:ami|আমি) (?:na|dei nai|dini|deini)[,.]? (?:(?:oita|ota|eta) )?(?P<name4>" + _PAYER + r") " + _BENGALI_GAVE
    + r")"
    r"[\s.!]*$", re.IGNORECASE)
# "no, bob paid it": a payer said after a "no" (not "no one paid")
NO_THEN_PAYER_RE = re.compile(r"^\s*(?:(?:no+|nope|na|actually|wait)[\s,.!]+)+(?:it was |actually )?(?P<name>" + _PAYER
                              + r") (?:" + _PAYER_VERB + "|" + _BENGALI_GAVE + r")[\s.!]*$", re.IGNORECASE)
# no payer: "no one paid", "no, fully paid", "no, card paid", "actually bkash paid"
NO_PAYER_NAMES = NOT_A_PAYER | {"one", "body", "noone", "nobody", "everybody", "fully", "half", "all", "both", "split",
                                "card", "bkash", "nagad", "rocket", "cash", "partly", "partially", "already", "bill",
                                "rent", "wait", "yes", "yeah", "ok", "okay"}


def payer_put_right(lower: str) -> bool:
    """Who paid a preview or an entry said again, differently ("rafi paid, not me"): not to be read as a record."""
    if ("not" not in lower and "ami" not in lower and "আমি" not in lower
            and not lower.startswith(("n", "actually", "w"))) or any(c.isdigit() for c in lower):
        return False
    found = PAYER_FIX_RE.match(lower) or NO_THEN_PAYER_RE.match(lower)
    return found is not None and next(name for name in found.groups() if name).lower() not in NO_PAYER_NAMES
