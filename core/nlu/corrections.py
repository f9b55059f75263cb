"""Corrections: a change to the open preview or the last entry ("actually 550", "change the date to yesterday",
"category ta food hobe", "rename it to electricity bill")."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from core.intents import Intent
from core.nlu.categories import Categoriser
from core.nlu.currency_fixes import STARTS as CURRENCY_STARTS
from core.nlu.currency_fixes import currency_fix
from core.nlu.dates import find_date, local_today
from core.nlu.gates import gated
from core.nlu.money import find_money
from core.nlu.queries import money_entities

# A correction names what it changes; a bare amount after one of these words is the open preview's new amount.
AMOUNT_FIX_RE = re.compile(
    r"^\s*(?:(?:no+|nope|sorry|oops|wait|na|না|dear|(?:i made a|my) mistake|bhul hoise|bhul hoye geche)[\s,.!]+)*"
    r"(?:(?:the )?last (?:entry|one) (?:is|was) wrong,? "
    r"(?:it was|it's|should be)|(?:edit|change|fix|correct|update) (?:the |my )?last (?:entry|one|expense)(?:'s)? "
    r"amount(?: to)?|(?:edit|change|fix) (?:the )?last (?:entry|one|expense)[:,]? amount(?: to)?|"
    r"(?:no )?(?:it was|it's|its|that was|that's) actually|actually,? (?:it was|it's|its|that was)|actually|"
    # "wait that last one should be 750 not 570", "the last entry was 750"
    r"(?:that |the )?last (?:entry|one) (?:should be|should have been|was)|"
    # "remove the last expense, it was 500 not 300": not removed, put right
    r"(?:remove|delete|cancel) (?:the |my )?last (?:entry|one|expense)[,.]? (?:it was|it's|its|should be)|"
    # "amount ta change koro 1200 koro": change the amount, make it 1200
    r"(?:amount|taka) ta change (?:koro|kore dao|kore)|"
    # "last entry ta vul, 500 hobe": the last one wrong, then what it should be
    r"(?:last|shesh|sesh|shesher) (?:entry|ta)(?: ta)? (?:vul|bhul)(?: hoise| hoyeche)?,?|"
    # "undo ta koro, 500 hobe": not removed, its amount made 500
    r"undo(?: ta)? (?:koro|kore dao|koren)[,.]?|"
    r"(?:last (?:entry|ta)|shesh entry)(?: te| er| r)? (?:amount|taka)(?: ta)?|"
    r"edit:?|correction:?|no+|nope|na|না|wait,?|(?:amount|taka) ta(?: bhul)?,?|"
    # "bhul hoise, 500 hobe", "vul hoise 500": a mistake owned, then the amount it should be
    r"(?:bhul|vul|bul) (?:hoise|hoyse|hoiche|hoyeche|hoye gese|hoye geche)|"
    r"make (?:it|that)|change (?:it|that)(?: to)?|correct (?:it|that) to|should (?:be|have been)|it should be|"
    r"it was|that was|"
    r"(?:wrong|typo)(?: amount)?[\s,:.!-]*(?:should be|it's|its|was|make it)?|"
    r"(?:change|fix|correct|update) (?:the |last |my last )?(?:entry |one )?amount(?: to)?|"
    r"taka amount(?: ta)?|amount(?: ta)?(?=\s+\S+\s+(?:hobe|chilo|koro)(?:\s*,?\s*\d[\d.,]*\s+na)?\s*$)|"  # "টাকার
    # পরিমাণ ৪৫০ হবে", "amount 700 hobe, 750 na"
    r"(?:the )?amount (?:was|is|should be)|"
    # "the electrician amount should be 2,000 not 2,500": the amount of an entry named by its words, put right ("the
    # bill amount is 1200" tells a bill)
    r"(?:the )?(?:[^\W\d_]+ ){1,2}?amount (?:should be|should have been))[\s,]+(?P<rest>.+)$", re.IGNORECASE)
DATE_FIX_RE = re.compile(
    r"^\s*(?:(?:no+|sorry|oops|wait)[\s,.!]+)*(?:(?:change|fix|correct|update|move|set) (?:the |last |my last )?"
    r"(?:entry(?:'s)? |one(?:'s)? |expense(?:'s)? )?date(?: of (?:the |my )?last (?:entry|one|expense))?(?: to| as)?|"
    r"(?:the )?date (?:was|is|should be)|make (?:it|that|the date)|move (?:it|that) to|"
    r"(?:actually )?(?:it was|that was)|(?:last (?:entry|one|khoroch) er )?(?:date|tarikh)(?: ta)?|তারিখ(?: টা)?)\s+"
    r"(?P<rest>.+?)(?:\s+hobe)?(?:\s*,?\s*(?:aj|ajke|kal|kalke|today|yesterday) na)?$", re.IGNORECASE)  # "…, aj na"
# the day first, then "date e": "last entry ta kalker date e koro", "oi courier er ta ajker date e hobe" (an entry,
# the one of something: not "ei meeting ta kalker date e koro", "ei order ta …")
DAY_FIRST_DATE_FIX_RE = re.compile(r"^\s*(?:last (?:entry|one|khoroch)(?: ta)?|(?:oi|ei) (?:[^\W\d_]+ er |entry |"
                                   r"khoroch )?ta) (?P<rest>[^\W\d_]+(?: [^\W\d_]+)?) (?:date|tarikh) ?e "
                                   r"(?:koro|kore dao|hobe|dao)[\s.!]*$", re.IGNORECASE)
FIELD_FIX_RE = gated(
    r"^\s*(?:(?:change|fix|correct|update|set|make|edit) (?:the |my )?"
    r"(?:last (?:entry|one|expense|transaction)(?:'s)?:? )?"
    r"(?P<field>category|description|note)(?: of (?:the |my )?last (?:entry|one|expense))?(?: to| as| into)?|"
    r"(?:the )?(?P<field2>category|description) (?:was|is|should be)|"
    r"(?P<rename>rename|re-name) (?:it|that|the last (?:one|entry|expense))(?: to| as| into|:)?|"
    r"(?P<field3>description|note) ta change (?:koro|kore dao)\s*[-:])"
    r"\s+(?!(?:the )?(?:group|chat|file|bot|channel)\b)(?P<rest>.+?)[\s.!]*$",
    re.IGNORECASE)
# "recategorise it as transport", "put it under utilities instead", "category ta transport koro"
RECATEGORISE_RE = re.compile(r"^\s*(?:(?:recategori[sz]e|re-categori[sz]e|move|put|file) "
                             r"(?:it|that|the last (?:one|entry))(?: to| as| into| under| in)|category ta|"
                             # "category furniture koro, household na" (not "category food er total")
                             r"category(?=\s+[^\W\d_]+\s+(?:koro|kore dao|hobe)\b)|"
                             r"ক্যাটাগরি(?: টা)?)\s+(?P<rest>.+?)(?:\s+(?:koro|kore dao|করো|করে দাও|হবে))?"
                             r"(?:\s*,?\s*[^\W\d_]+ na)?[\s.!]*$",
                             re.IGNORECASE)
# "eta wedding category te dao": that one put in a category named so (any name: the word "category" says it is one),
# not a word about it ("category ta thik kore dao", "eta kon category te dao")
NOT_A_CATEGORY = frozenset({"thik", "change", "update", "delete", "remove", "fix", "khali", "ki", "kon", "onno",
                            "notun", "same", "arekta", "ager", "amar", "bolo", "wrong", "bhul", "vul", "ta", "eta",
                            "ota", "na"})
CATEGORY_PUT_RE = re.compile(r"^\s*(?:eta|ota|oita|eita|ei ta|oi ta|last ta|shesher ta)\s+(?P<rest>[^\W\d_]+"
                             r"(?: [^\W\d_]+)?)\s+category\s?(?:te|e)\s+(?:dao|rakho|koro|nao|kore dao|dhoro)[\s.!]*$",
                             re.IGNORECASE)
# "that's transport not shopping", "last one should be medicine, not food": a known category in place of another
CATEGORY_INSTEAD_RE = re.compile(r"^\s*(?:(?:no|nope|sorry|oops|wait|na)[\s,.!]+)*(?:(?:that's|thats|that was|it's|its|"
                                 r"it was|"
                                 r"(?:the )?last (?:one|entry) should be)\s+(?P<rest>[^\W\d_]+),? not (?P<old>\w+)|"
                                 r"not (?P<old2>\w+),? (?:that's|thats|it's|its|it is|it was) (?P<rest2>[^\W\d_]+)|"
                                 # "oita food na grocery te dao": that one is not food, put it in groceries; "oita
                                 # lunch na dinner chilo": that one was dinner, not lunch
                                 r"(?:(?:oita|ota|eta|ei ta|oi ta|last ta) )?(?P<old3>[^\W\d_]+) na ?,? "
                                 r"(?P<rest3>[^\W\d_]+)(?: te| e)?(?: (?:dao|koro|kore dao|hobe|rakho|chilo|silo))?|"
                                 # "oita dinner chilo, lunch na"
                                 r"(?:(?:oita|ota|eta|ei ta|oi ta|last ta) )?(?P<rest4>[^\W\d_]+) "
                                 r"(?:chilo|silo|hobe),? (?P<old4>[^\W\d_]+) na|"
                                 # "make the last one rent instead of misc"
                                 r"(?:make|change|put) (?:it|that|the last one|last one|the last entry) "
                                 r"(?:to |as |in )?(?P<rest5>[^\W\d_]+) instead of (?P<old5>[^\W\d_]+))[\s.!]*$",
                                 re.IGNORECASE)
# Words that name what a correction changes, not a description's word ("amount ta na, date ta", "na na")
KINDS = frozenset({"income", "expense", "expenses", "khoroch", "ay"})  # "make it income instead of expense": a kind
NOT_DESCRIPTION_WORDS = frozenset({"amount", "taka", "date", "tarikh", "category", "na", "no", "not", "it", "that",
                                   "this", "oita", "ota", "eta", "ta", "expense", "income", "khoroch", "ay"})
# "oi entry te description 'hotel advance' lekho": that entry's description written so, the verb last (not "last entry
# er category ki chilo?", "ei entry er note ta dekhao", "… category thik ache": asked or told)
BENGALI_FIELD_FIX_RE = re.compile(r"^\s*(?:oi|ei|last|shesh|shesher) (?:entry|ta)(?: te| er| r)? "
                                  r"(?P<field>description|note|category)(?: ta)? (?P<rest>(?!.*\b(?:ki|kon|keno|kobe|"
                                  r"dekhao|dekhan|bolo|thik|bhul|nai|ache|ase|chilo|change)\b)[^?]+?) "
                                  r"(?:lekho|likho|koro|kore dao|dao|hobe|rakho)[\s.!]*$", re.IGNORECASE)
# … or the verb first: "description e likho ammu r birthday gift" (not asked: "description e ki likhbo?")
# (a note to self is none: "note likho kal rafi ke 500 dite hobe")
FIELD_WRITTEN_RE = re.compile(r"^\s*(?P<field>description|note)(?: ta)?(?: e| te)? (?:likho|lekho|likhe dao) "
                              r"(?P<rest>(?!na\b)(?![^?]*(?:\d|\bhobe\b))[^?]+?)[\s.!]*$", re.IGNORECASE)
LAST_RE = gated(r"\blast (?:entry|one|expense|transaction|record)\b|\bprevious (?:entry|one)\b", re.IGNORECASE)
# ("1450 chilo, not 1350": the "chilo" before what it is not)
FILLER_AFTER_RE = re.compile(r"(?:[\s,]*+(?:chilo|hobe)(?=[\s,]*not \S+\W*$))?[\s,]*+"
                             r"(?:not \S+|instead(?: of \S+)?|please|pls|plz|hobe|hobe na|chilo|ছিল|ছিলো|হবে|koro|"
                             r"lekho|likho|"
                             r"kore dao|করো|dao|"
                             # the amount it replaces told after, as Bengali does: "700 hobe, 750 na"
                             r"(?:(?:hobe|chilo|koro|kore dao)\s*)?,?\s*\d[\d.,]*\s+na)?[\s.!]*$",
                             re.IGNORECASE)
# "2500 not 250": the new amount, then the one it replaces
# "2500 not 250", "tk 2500 not 250", "not 250, 2500", "not 250 its 2500": the new amount and the one it replaces
AMOUNT_WORD = r"(?:(?:tk\.?|taka|bdt|rs\.?|৳|\$)\s*)?[\d.,]*\d(?:\s*(?:tk|taka|bdt|/-))?"
INSTEAD_RE = re.compile(r"^\s*(?:(?:no+|oops|sorry|wait|(?:bhul|vul|bul) (?:hoise|hoyse|hoiche|hoyeche|hoye gese|"
                        r"hoye geche|likhsi|likhechi|likhlam|likhsilam)|na)[\s,.!]+)*"
                        r"(?:(?P<rest>" + AMOUNT_WORD + r")\s+(?:not|instead of)\s+" + AMOUNT_WORD + r"|"
                        r"not\s+" + AMOUNT_WORD + r"\s*[,;]?\s+(?:(?:it's|its|it is|it was|but|make it)\s+)?"
                        r"(?P<rest2>" + AMOUNT_WORD + r")|"
                        # "ota 500 na 5000 chilo": that one was not 500, it was 5000; "৩২০০ না ২৩০০": not 3200, 2300
                        # (in Bengali "na" follows what it denies; in English "not" comes before it)
                        # "jeep ta 2200 na 2400 chilo": the jeep's one was 2400
                        r"(?:(?:oita|ota|eta|ei ta|oi ta|last ta|shesher ta|shesh ta|"
                        r"(?!(?:tomar|tor|apnar|tar|or|onar|tader|oder|tomader|apnader|tumi|apni)\b)[^\W\d_]+ ta)\s+)?"
                        + AMOUNT_WORD +
                        r"\s+na\s*,?\s+"
                        r"(?P<rest3>" + AMOUNT_WORD + r")(?:\s+(?:chilo|hobe|hoise))?|"
                        # "na na oita 350 chilo, 530 na": that one was 350, not 530
                        r"(?:(?:oita|ota|eta|ei ta|oi ta|last ta|shesher ta|shesh ta)\s+)?(?P<rest4>" + AMOUNT_WORD +
                        r")\s+(?:chilo|hobe)\s*,?\s+(?:" + AMOUNT_WORD + r"\s+na|not\s+" + AMOUNT_WORD + r")|"
                        # "1480 hobe, borhani add korte bhulsi": what it will be, and what was forgotten
                        r"(?P<rest6>" + AMOUNT_WORD + r")\s+hobe\s*[,.]?\s+(?:[^\W\d_]+\s+){0,3}(?:add|jog|jor) "
                        r"(?:korte|dite) (?:bhulsi|bhule gesi|bhule gechi|bhulechi|bhule gelam)\b[^\d?]*|"
                        # "last entry ta 2000 koro": the last one's amount made 2000
                        r"(?:last|shesh|sesh|shesher) (?:entry|ta)(?: ta| te| er)? (?P<rest5>" + AMOUNT_WORD + r")\s+"
                        r"(?:koro|kore dao|kore den|hobe|den|dao))\s*[.!]*$", re.IGNORECASE)

# A thing's amount put right the Bengali way, with a word of what it was for: after a slip owned ("bhul hoise, bikri
# 2350 na 2530", "oops 1500 na 1800 hobe doctor fee"), or told as what it was ("ad 1500 na 1200 chilo, thik koro");
# not a record said again ("lunch 250 na 300"), a plan, a doubt, a count, a date or a budget ("sorry vai 500 na 1000
# dibo", "lunch 250 na 300 chilo mone nai", "guest 20 na 30 hobe", "bhul hoise 15 na 16 tarikh", "budget 5000 na 6000
# hobe")
_SLIP = r"(?:oops|sorry|(?:bhul|vul) (?:hoise|hoyeche|likhsi|likhechi))[\s,.!]+"
_WHAT_FOR = r"(?:(?!(?:budget|target|guest|guests|gpa|cgpa|tarikh|date|bhai|vai|apu|apa)\b)[^\W\d_]+\s+)?"
NAMED_INSTEAD_RE = re.compile(r"^\s*(?:" + _SLIP + _WHAT_FOR + AMOUNT_WORD + r"\s+na\s*,?\s+(?P<rest>" + AMOUNT_WORD
                              + r")(?:\s+(?:chilo|hobe))?(?:\s+(?!(?:tarikh|date|jon|ta|ti|dibo|debo|dilam|disi|"
                              r"pathabo|pathaisi|pathay|parbo|dite|na|nai|ni|naki|kina|sure|jani|mone|bhule|next|kal|"
                              r"theke)\b)[^\W\d_]+(?:\s+[^\W\d_]+)?)?|"
                              + _WHAT_FOR + AMOUNT_WORD + r"\s+na\s*,?\s+(?P<rest2>" + AMOUNT_WORD + r")\s+"
                              r"(?:chilo|hobe)(?:[\s,]+thik (?:koro|kore dao))?)[\s.!]*$", re.IGNORECASE)


def said_instead(body: str) -> bool:
    """An amount said in place of another, a correction's shape ("2500 not 250", "ad 1500 na 1200 chilo")."""
    return INSTEAD_RE.match(body) is not None or NAMED_INSTEAD_RE.match(body) is not None


# Income put for an expense or the other way round: "make it income instead of expense", "that was income not an
# expense", "not an expense, it's income", "oita income chilo, khoroch na", "আয় হবে, খরচ না" (normalised so)
INCOME_WORDS = r"(?:income|ay|aay|earning|earnings)"
EXPENSE_WORDS = r"(?:expense|expenses|khoroch|khorch|spending)"
_IT = (r"(?:it|that|this|the last (?:one|entry|transaction)|last (?:one|entry)|the last entry's (?:type|kind)|"
       r"(?:the )?(?:type|kind)|oita|ota|eta|ei ta|oi ta|last ta|shesher ta)")
_THAT_ONE = r"(?:(?:oita|ota|eta|ei ta|oi ta|last ta|shesher ta) )"
# "refund ta", "etake": that entry
_NAMED_ONE = (r"(?:(?:etake|otake|oitake|(?:(?:ei|oi) )?(?:[^\W\d_]+ (?:er )?)?(?!(?:amar|tomar|tar|or|apnar|kon|ki|"
              r"kalker|ajker|porshur|sob|shob|baki|protita|prottek)\b)[^\W\d_]+ ta) )")


def _kind_group(name: str) -> str:
    return rf"(?:an? )?(?P<{name}>{INCOME_WORDS}|{EXPENSE_WORDS})"


KIND_FIX_RE = re.compile(
    r"^\s*(?:(?:no+|nope|na|sorry|oops|wait|(?:bhul|vul) (?:hoise|hoyse|hoiche))[\s,.!]+)*(?:"
    rf"(?:(?:make|change|mark|record|log|save|put|set|switch|turn|move|convert) {_IT}|change) "
    r"(?:to |as |into |in |under )?" + _kind_group("new1") +
    r"|(?:it|that|this|(?:the )?(?:type|kind))(?: was|['’]s| is| should be| should have been) " + _kind_group("new2") +
    r"|(?:its|thats|it['’]s|that['’]s|(?:the )?last (?:one|entry)(?: was| is| should be| should have been)) "
    + _kind_group("new3") +
    r"|not " + _kind_group("old1") + r",? (?:(?:it['’]s|its|it is|it was|but|make it|it should be) )?"
    + _kind_group("new4") + "|" + _kind_group("new5") + ",? not " + _kind_group("old2") +
    # Bengali word order: the kind, then "chilo"/"hobe" (was/is to be), what it is not after "na"
    # "refund ta income hisebe dhoro", "etake income hisebe rakho": counted as the other kind
    "|(?:" + _THAT_ONE + "|" + _NAMED_ONE + ")?" + _kind_group("new6") + r" (?:chilo|silo|hobe|hoise|"
    r"h?is+h?[ae]be (?:rakho|rakhen|rakhun|rakhben|dao|likho|lekho|dhoro|dhoren|dhorun|dhorben|dhorio|koro|"
    r"kore dao)|"
    r"e (?:rakho|dao|nao))|" + _THAT_ONE + _kind_group("new8") +
    # "ota gift chilo, expense na income" (not "ota ki chilo, expense na income": asked)
    "|" + _THAT_ONE + "?" + r"(?:(?!(?:ki|kon|keno|kobe)\b)[^\W\d_]+ (?:chilo|silo),? )?"
    + _kind_group("old3") + r" na ?,? " + _kind_group("new7") + r"(?: (?:chilo|silo|hobe))?"
    r")(?: ?,? ?(?:not|instead of) " + _kind_group("old4") + r"| ?,? " + _kind_group("old5") + r" na)?[\s.!]*$",
    re.IGNORECASE)
INCOME_WORD_RE = re.compile(INCOME_WORDS, re.IGNORECASE)


def kind_fix(text: str) -> str | None:
    """The kind ("income" or "expense") a correction makes of an entry written as the other one, or None (a kind
    named alone, "income", or after "no", asks nothing to change: the pattern wants a verb or "oita" with it)."""
    if (m := KIND_FIX_RE.match(text)) is None:
        return None
    said = {name[:3]: value for name, value in m.groupdict().items() if value is not None}
    new = _kind(said["new"])
    return None if "old" in said and _kind(said["old"]) == new else new  # not "income not income"


def _kind(word: str) -> str:
    return "income" if INCOME_WORD_RE.fullmatch(word) else "expense"


# A mistake owned before the correction itself (the patterns below read what follows)
MISTAKE_OWNED_RE = re.compile(r"\s*(?:(?:no+|oops|sorry|wait)[\s,.!]+)*(?:(?:that's|thats|that is|it's|its|this is) "
                              r"wrong|wrong (?P<field>category|date|day|description|currency))[\s,.!:;-]+",
                              re.IGNORECASE)
LABEL_RE = re.compile(r"^(?:correction|edit|typo)\s*:\s*(?=[^\W\d_])", re.IGNORECASE)
FIELD_NAMED = {"category": "category", "date": "date", "day": "date", "description": "description",
               "currency": "currency"}
SAID_AS_RE = re.compile(r"(?:it )?(?:should be|should have been|was|is)\s+|it's\s+|its\s+", re.IGNORECASE)
# Messages that may correct a preview or entry begin with one of these words (a cheap first look).
CORRECTION_STARTS = frozenset({"no", "noo", "nope", "sorry", "oops", "wait", "it", "its", "it's", "that", "that's",
                               "actually", "make", "change", "fix", "correct", "update", "should", "wrong", "typo",
                               "the", "amount", "move", "set", "recategorise", "recategorize", "re", "edit",
                               "correction", "na", "taka", "bhul", "edit:", "last", "put", "file", "date",
                               "category", "thats", "correction:", "rename", "re-name", "না", "তারিখ", "ক্যাটাগরি",
                               "not", "oita", "ota", "eta", "ei", "oi", "shesher", "shesh", "dear", "i", "my",
                               "remove", "delete", "cancel", "tarikh", "vul", "bul", "mark", "record", "log", "save",
                               "switch", "turn", "this", "income", "expense", "khoroch", "khorch", "ay", "aay",
                               "earning", "earnings", "spending", "description", "note", "convert", "it’s",
                               "that’s", "undo", *CURRENCY_STARTS})
# "… income hisebe dhoro": a kind counted so, whatever word the message begins with ("refund ta …", "etake …")
COUNTED_AS_HINTS = ("isebe", "isabe", "ishebe", "ishabe", " ta income", " ta expense", " ta khoroch")
# "2500 not 250", "tk 2500 not 250": an amount in place of another, with its currency before or after it
INSTEAD_STARTS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "tk", "rs", "bdt", "৳", "$")
# what is not to be: "date kal hobe na", "amount ta 450 hobe na", "category food koro na"
NEGATED_RE = gated(r"\b(?:hobe|hoy|koro|korba|korben|korio|dio|diyo) na\W*$", re.IGNORECASE)
# "kal" is yesterday or tomorrow; an entry's date put right is a day gone ("date ta kalker hobe")
KAL = {"kal": "yesterday", "kalke": "yesterday", "kalker": "yesterday", "kal er": "yesterday",
       "porshu": "the day before yesterday",
       "porshur": "the day before yesterday", "ajker": "today", "aajker": "today"}
# A day of the month alone, as a date is corrected ("date 12 hobe", "change the date to the 5th")
DAY_OF_MONTH_RE = re.compile(r"(?P<day>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)?(?:\s*(?:tarikh|তারিখ))?")

def correction(body: str, now: datetime, tz: str, categories: Categoriser) -> Intent | None:
    """A change to the open preview or the last entry, or None."""
    text, named = LABEL_RE.sub("", body.strip(), count=1), None  # "correction: it was 420 not 450"
    if (owned := MISTAKE_OWNED_RE.match(text)) is not None and owned.end() < len(text):
        # "oops thats wrong, it was on the 14th", "wrong category, put it under utilities"; a field named wrong is the
        # one the rest puts right ("wrong date, should be 12": the 12th)
        text, named = text[owned.end():], FIELD_NAMED.get((owned["field"] or "").lower())
        if named is not None and (said := SAID_AS_RE.match(text)) is not None:
            text = f"{named} should be {text[said.end():]}"
    found = _correction(text, now, tz, categories)
    if (found is not None and NEGATED_RE.search(body)) or (named and (found is None or found.entities.get("field")
                                                                       != named)):
        return Intent("unknown", 0.3)  # "amount ta 450 hobe na": what it is not to be changes nothing
    return found


def _correction(text: str, now: datetime, tz: str, categories: Categoriser) -> Intent | None:
    if len(text) > 80:
        return None
    target = {"target": "last"} if LAST_RE.search(text) else {}
    if (kind := kind_fix(text)) is not None:
        return Intent("correct_entry", 0.9, {"field": "direction", "direction": kind, **target})
    if (m := CATEGORY_INSTEAD_RE.match(text)) is not None and (swap := _instead(m, categories)) is not None:
        return Intent("correct_entry", 0.9, {**swap, **target})
    m = FIELD_FIX_RE.match(text) or RECATEGORISE_RE.match(text) or BENGALI_FIELD_FIX_RE.match(text) \
        or FIELD_WRITTEN_RE.match(text) or CATEGORY_PUT_RE.match(text)
    value = FILLER_AFTER_RE.sub("", m["rest"]).strip(" '\"") if m is not None else ""
    category_named = m is not None and (m.re is CATEGORY_PUT_RE or text.lstrip().lower().startswith("category ta ")) \
        and "?" not in value and NOT_A_CATEGORY.isdisjoint(value.lower().split())
    if m is not None and (m.re in (RECATEGORISE_RE, CATEGORY_PUT_RE)
                          or (m.re is BENGALI_FIELD_FIX_RE and m["field"] == "category")) \
            and not category_named and not categories.known(value):
        m = None  # "put it in the fridge" is no category ("category ta shop expense kore dao" names one); "move it to
        # yesterday" may be a date
    if m is not None:
        named = m.groupdict()
        field = "description" if named.get("rename") or named.get("field3") else (
            named.get("field") or named.get("field2") or "category").lower()
        if not value:
            return None
        if field == "category" and not any(char.isalpha() for char in value):
            return None  # "category should be 500" names no category
        if field == "category":
            return Intent("correct_entry", 0.9, {"field": "category",
                                                 "category": categories.known(value) or value.lower(), **target})
        return Intent("correct_entry", 0.9, {"field": "description", "description": value[:200], **target})
    if (m := DATE_FIX_RE.match(text) or DAY_FIRST_DATE_FIX_RE.match(text)) is not None:
        # "yesterday not today", "the day before…", "on monday actually not today"
        rest = FILLER_AFTER_RE.sub("", m["rest"])
        rest = rest.removeprefix("on " if rest.startswith("on the ") else "the ").removeprefix("the ").removesuffix(
            " actually")
        rest = KAL.get(rest.strip(" .!").lower(), rest)
        found = find_date(rest, now, tz)
        if found is not None and len(rest.strip(" .!")) <= len(found.text) + 3:
            return Intent("correct_entry", 0.9, {"field": "date", **target, **found.entities()})
        if (day := DAY_OF_MONTH_RE.fullmatch(rest.strip(" .!"))) is not None:  # "date 12 hobe": the 12th
            return Intent("correct_entry", 0.9, {"field": "date", **target,
                                                 "date": latest_day(int(day["day"]), local_today(now, tz)).isoformat()})
    if (currency := currency_fix(text)) is not None:  # "make it usd not taka": the amount kept
        return Intent("correct_entry", 0.9, {**currency, **target})
    # "na na oita 350 chilo, 530 na": not "na" and all after it
    for pattern in (AMOUNT_FIX_RE, INSTEAD_RE, NAMED_INSTEAD_RE):
        if (m := pattern.match(text)) is None:
            continue
        said = m.groupdict()
        rest = FILLER_AFTER_RE.sub("", said.get("rest") or said.get("rest2") or said.get("rest3") or said.get("rest4")
                                   or said.get("rest5") or said.get("rest6") or "")
        money = find_money(rest)
        # only the amount (and its currency) may follow: "make it 550", not "make it 5 people"
        if len(money) == 1 and not re.sub(r"[\s.,!]", "", rest[:money[0].start] + rest[money[0].end:]):
            return Intent("correct_entry", 0.9, {"field": "amount", **money_entities(money[0]), **target})
    return None


def _instead(m: re.Match[str], categories: Categoriser) -> dict[str, str] | None:
    """One word in place of another: a category's ("that's transport not shopping", "it was medicine not food", a word
    of another category's), or else a word of the description's ("it was dinner not lunch": the description's "lunch"
    becomes "dinner", the category stays)."""
    new = m["rest"] or m["rest2"] or m["rest3"] or m["rest4"] or m["rest5"]
    old = m["old"] or m["old2"] or m["old3"] or m["old4"] or m["old5"]
    if {new.lower(), old.lower()} <= KINDS:
        return None  # "make it income instead of expense": a kind, which `kind_fix` reads
    known, was = categories.known(new), categories.known(old)
    if known is not None and (known == new.lower() or was == old.lower() or was != known
                              or old.lower() in NOT_DESCRIPTION_WORDS):
        return {"field": "category", "category": known}  # a category named, or a word of another ("বাজার না, ভাড়া")
    if (known is None and was is None) or new.lower() in NOT_DESCRIPTION_WORDS or new.lower() == old.lower():
        return None  # "it was rakib not rafi": a person, no word of the description to go by
    return {"field": "description", "description": new, "replaces": old}


def latest_day(day: int, today: date) -> date:
    """The latest date on or before `today` that falls on this day of a month (the 31st of a short month skipped)."""
    month_start = today.replace(day=1)
    while True:
        if day <= today.day or month_start < today.replace(day=1):
            try:
                return month_start.replace(day=day)
            except ValueError:  # the 31st of a 30-day month: the month before
                pass
        month_start = (month_start - timedelta(days=1)).replace(day=1)
