"""Debts settled, asked after or never paid back: a settlement, the balances, or nothing of the kind."""
from __future__ import annotations

import re
from collections.abc import Set

from core.intents import Intent
from core.nlu.gates import gated
from core.nlu.payers import HONORIFICS

SETTLE_NOT_RE = gated(r"\bsettle (?:it|this|that|down|in|for|an? \w+|the (?:score|matter|argument|debate))\b")
# "we just got back from vacation": home again, not money back (taken out before a settlement is looked for)
BACK_HOME_RE = gated(r"\bgot back from (?:vacation|holiday|the trip|our trip|my trip|a trip|work|the office)\b")
_THEIR_SHARE = (r"(?:[$৳]\s?)?\d[\d,.]*k?(?: tk| taka)? from @?(?!(?:client|customer|company|boss|office|the|my|a|an|"
                r"work)\b)(?P<name3>[^\W\d_][\w.]*) (?:for|as) (?:his|her|their) "
                r"(?:\S+ )?(?:share|part|portion|bhag)\b")
# "nabil amar 350 ta diye dise": nabil gave the sender their 350 (back)
# ("apu amar dhar shodh kore dise, 3000": apu paid back what she owed the sender)
HONORIFIC = "(?:" + "|".join((*HONORIFICS, "bhabi")) + ")"  # said after a name: "Karim bhai", "rina apu", "… bhabi"
_GAVE_MINE = (r" (?:" + HONORIFIC + " )?"
              r"(?:amar (?:\d[\d,]* ?(?:ta |taka |tk )?|(?:dhar|dena|loan|baki)(?: ta| er)? )|"
              # "Karim bhai baki 3400 shodh korse": what was due paid, to the sender
              r"(?:amar )?(?:baki|dena) \d[\d,]* ?(?:ta |taka |tk )?)(?:diye (?:dise|dilo|diyeche)|"
              r"(?:shodh|sodh) (?:korse|korlo|koreche|kore dise|kore dilo)|ferot (?:dise|dilo|diyeche))\b"
              r"(?![^,.;]*\b(?:na|ni|naki|kina)\b)(?![^,.;]*\?)")
THIRD_PERSON = r"se|o|uni|tini|ora|tara|keu"
GAVE_MINE_RE = re.compile(r"^(?!(?:" + THIRD_PERSON + r"|ami|tumi|apni|amra|sabai|shobai|sobai)\b)"
                          r"@?(?P<name>[^\W\d_][\w.]*)" + _GAVE_MINE)
# … by someone named only as "se" or "ora" ("se baki 3400 shodh korse"): who paid the sender back is asked
UNNAMED_GAVE_MINE_RE = re.compile(r"^(?:" + THIRD_PERSON + r")" + _GAVE_MINE)
# "shodh korlam …": paid off (a debt), said first
SHODH_DONE = r"(?:shodh|sodh) (?:korlam|korsi|korechi|kore dilam|kore disi)"
# a person named first, with an honorific perhaps (not a shop, an office, a mosque, nor a pronoun)
_PERSON_FIRST = (r"@?(?!(?:amazon|daraz|foodpanda|seller|dokandar|dokan|shop|store|office|company|bank|bariwala|"
                 r"landlord|masjid|mosjid|somiti|samity|club|ami|amra|se|o|ora)\b)[^\W\d_][\w.]*"
                 r"(?: (?:" + HONORIFIC + r"|bhaiya))? ")
SETTLE_RE = re.compile(r"\bset+le(?:d|s)?\b|\bset+le[- ]?up\b|\b(?:returned|gave back)\b|"
                       # "repaid @farhan 300", "arif ke 2000 return korlam": paid back to someone (not "repaid loan
                       # 5000", "dokan ke 300 return korlam": a loan's instalment, goods returned to a shop)
                       r"\brepaid (?=@|<at>)|"
                       # ("tanvir ke 1200 taka dhar shodh korlam": paid off, to someone mentioned or with a debt's word)
                       r"(?:@[\w.]+|<at>[^<]*</at>|\b\w+(?=.*\b(?:dhar|dena|loan|baki|borrowed|dhar nisilam)\b)) ke "
                       r"(?:tk |৳)?\d[\d,.]*k? (?:tk |taka )?"
                       r"(?:return (?:korlam|korsi|dilam|disi|kore dilam|kore disi)|(?:\w+ )?" + SHODH_DONE + r")\b"
                       r"(?![^,.;]*\b(?:na|ni)\b)|"
                       # "received 2500 from tanim for his trip share": his part paid to the sender
                       r"\b(?:received|got) " + _THEIR_SHARE + "|"
                       # "shaon sent me 3000 bkash for her share of the test", "rakib 450 return korse lunch er"
                       r"\b(?:sent|paid|gave|transferred) me (?:[$৳]\s?)?\d[\d,.]*k?(?: \w+)? for (?:his|her|their) "
                       r"(?:\S+ )?(?:share|part|portion)\b|"
                       # (someone named first, no shop, no one else's, not denied: not "amazon 3500 return korse", "rafi
                       # rina ke 500 return korse", "… return korse kintu ami pai nai")
                       r"^" + _PERSON_FIRST + r"(?:amake |amar )?(?:tk |৳)?\d[\d,.]*k?(?: ?(?:tk|taka))? return "
                       r"(?:korse|koreche|korlo|dise|dilo|diyeche)\b(?!.*\b(?:na|ni|nai|naki|kina)\b)(?!.*\?)|"
                       # "farhana apu ke amar bhag er 390 dilam", "fahim ke 750 pathaisi ad er bhag": the sender's share
                       # of a thing (not "rafi ke 500 dilam bhag kore nite", "office ke 200 disi picnic er bhag")
                       r"^" + _PERSON_FIRST + r"ke (?:amar (?:\w+ )?(?:bhag|share)(?: er)? \d[\d,.]*k?"
                       r"(?: ?(?:tk|taka))? |"
                       r"\d[\d,.]*k?(?: ?(?:tk|taka))? (?=(?:dilam|disi|pathaisi|pathalam) \w+ er (?:bhag|share)\b))"
                       r"(?:dilam|disi|pathaisi|pathalam)\b(?![^,.;]*\b(?:na|ni)\b)|"
                       # not money to be returned ("salary pele ferot dibo")
                       r"\bferot\b(?! (?:dibo|debo|dibe|debe|dibi|diba|korbo|pabo|chai|dite|deya|dewa|dao|den|din|"
                       r"diben|dio|diyo|daw)\b)(?! (?:dise|dilo|diyeche|dilam|disi) (?:na|ni)\b)|"
                       r"\bwe'?re (?:square|even)\b|\bsquare up\b|\ball square with\b|"
                       r"\b(?:got|received) (?:\S+ ){0,3}back\b|"
                       r"\bpaid (?:\S+ ){0,2}back\b|"
                       r"\bpay(?:ing)? (?:\S+ ){0,2}back\b|"
                       r"\bback (?:dilam|disi|diyechi|dilm)\b(?![^,.;]*\b(?:na|ni)\b)(?![^,.;]*\?)")  # paid back
# "@priya sent me the 48 she owed" (not "hasn't sent", "has @priya sent … ?", "sent me the link she owed me")
SENT_OWED = (r"(?<!n't )(?<!not )(?<!never )\b(?:sent|gave|transferred) (?:me|us) (?:the |my |back )?(?:[$£€₹৳]\s?)?"
             r"(?:\d[\d,.]*k?|money|cash|amount|rest)(?: \w+)? (?:he|she|they) owed\b(?!.*\?)")
# … and not sent: what is owed is the answer ("@priya hasn't sent me the 48 she owed")
NOT_SENT_OWED_RE = re.compile(r"(?:n't|\bnot|\bnever) (?:sen[dt]|gave|give|transferr?(?:ed)?|paid|pay) (?:me|us)\b"
                              r".*\bowed?\b")
# "sajib tar ticket er 800 diye dise", "tushar wifi er bhag diye dise": someone paid their own part (to the sender)
GAVE_THEIRS_RE = re.compile(r"^(?!(?:se|ami|tumi|o|uni|tini|amra|tara|ora|keu)\b)@?(?P<name>[^\W\d_][\w.]*) "
                            r"(?:(?:tar|or|taar) (?:\w+ ){0,3}?\d[\d,]* ?(?:ta |taka |tk )?|"
                            r"(?:\w+ ){0,3}?(?:er|r) (?:bhag|share|part) (?:ta )?)diye (?:dise|dilo|diyeche)\b")
# asked last, the Bengali way, whether it is done: "nabil er sathe hisab shesh naki", "… mite gelo naki" (not "@joy
# settle kore feli naki": shall we)
ASKED_LAST_RE = re.compile(r"\b(?:shesh|sesh|gelo|geche|gese|mitse|miteche|clear|hoise|hoyeche|holo) (?:naki|kina)\W*$")
# "@tanim er 1200 tk shodh kore dilam": someone's amount paid off (someone mentioned: "bazar er 500" is no one's)
_OWED_AMOUNT_PAID = (r"^(?:<at>[^<]*</at>|@[\w.]+) (?:er|r) \d[\d,.]*k?(?: ?(?:tk|taka))? (?:shodh|sodh) (?:kore )?"
                     r"(?:dilam|disi|korlam|korsi|korechi)\b(?![^,.;]*\b(?:na|ni|naki)\b)(?![^,.;]*\?)")
# A debt cleared with someone, in other words: "clear my debt with @nabil", "zero out my balance with @tom", "i owe
# @sara nothing now", "@jerry paid me the 1100 he owed", "@mou cleared her 600", "@ovi er sathe hisab clear", "karim
# er dhar shodh korlam 3000". Only with a person named: "cleared my loan 50000" and "loan shodh korlam" are records.
DEBT_CLEARED_RE = re.compile(r"\bclear(?:ed)? (?:all (?:the |my |our )?|my|our|his|her|their|the) "
                             r"(?:debts?|dues?|balance|tab|loan)\b|"
                             r"\bmark (?:my|the|our) (?:debts?|dues?|balance) (?:to|with) \S+ as "
                             r"(?:paid|settled|cleared)\b|"
                             r"\bcleared (?:his|her|their) \d|\bzero (?:out|off)\b|\bowe (?:\S+ )?nothing\b|"
                             r"\bpaid (?:me|us) (?:\S+ ){0,3}(?:he|she|they) owed\b|" + SENT_OWED + "|"
                             r"\b(?:sathe|shathe|songe) (?:shob |sob )?(?:len-?den|hisab|hishab) (?:shesh|clear)\b|"
                             r"\b(?:hisab|hishab|dena paona) (?:clear|mitao|mitai|mitiye|miteye|mitse|mitlo|miteche|"
                             r"mite geche|mite gese|mite gelo|mitche|"
                             r"মিটাও|মিটিয়ে|ক্লিয়ার)|\b(?:sathe|shathe|songe) (?:shob|sob) clear\b|"
                             # "shodh korlam tanim er 800 taka", "dhar newa 700 diye dilam": paid back
                             r"^" + SHODH_DONE + r" \w+ (?:er|r)\b|" + _OWED_AMOUNT_PAID + "|"
                             r"\bbaki (?:\d[\d,]* )?(?:ta )?(?:clear|shodh|sodh) (?:korlam|korsi|kore dilam|"
                             r"kore disi)\b|"
                             r"\bdhar (?:newa|nea|neya|nilam|niyechilam|nisilam)\b.{0,80}?\b(?:diye dilam|diye disi|"
                             r"ferot dilam|shodh korlam)\b|"
                             r"\b(?:dhar|dena|rin|loan)(?: (?:ta|er|puro|shob|sob|taka|tk|\d[\d,]*))* "
                             r"(?:shodh|sodh|shod)\b"
                             r"(?! (?:hoy |kori )?(?:nai|na|korbo|korbe|korte|korini|hoyni)\b)|(?:ধার|দেনা) শোধ")
# "shob hisab mitao", "হিসাব মিটিয়ে দাও": every debt in the chat, asked to be settled (the reply asks with whom)
ALL_SETTLED_RE = gated(r"\b(?:shob|sob) (?:hisab|hishab) (?:mitao|mitai|clear)\b|"
                            r"^(?:hisab|hishab) (?:mitao|মিটাও|clear koro|mitiye (?:dao|দাও))")
NOT_PAID_BACK_RE = gated(r"\b(?:never|not|didn'?t|hasn'?t|haven'?t|won'?t|still hasn'?t|yet to)\s+(?:\w+\s+){0,2}?"
                              r"(?:got|get|gotten|received|paid|pay|returned|return|gave|give|settled?|sent|send)\b")
# Money back from a shop or a deposit, not from a person: a refund, recorded as income, no settlement.
REFUND_RE = gated(r"\bback\b.*\bfrom (?:the|a|an|this|that) |\brefunds? (?:of|from)\b|"
                       r"\b(?:got|received|get) (?:my|the|our) (?:\w+ ){0,2}(?:deposit|advance|refund)s? back\b|"
                       r"\b(?:dokan|shop|store|company|office) theke\b.*\bferot\b")
# Asked whether a debt was settled ("did we settle", "have we settled up with @bob", "are we even"): the balances say
SETTLED_ASKED_RE = re.compile(r"(?:did|have|has|are|is|were|if|whether) (?:we|i|you|they|@?[^\W\d_][\w.]*)"
                              r"(?: and (?:i|me|@?[^\W\d_][\w.]*))? (?:already |all |ever )?"
                              r"(?:settle|settled|square|even)\b(?! (?!with\b|up\b|yet\b|already\b|today\b|"
                              r"yesterday\b|last\b|this\b|(?:his|her|their|our|my|your) (?:share|part|dues?|debts?)\b)"
                              r"\w)")  # not "did i settle the electricity bill": that is a record asked after
# … or whether a debt with someone is cleared: "is my debt with rahat cleared?"
DEBT_CLEARED_ASKED_RE = re.compile(r"(?:is|was|has) (?:my|our|the) (?:debts?|dues?|loan|balance|tab) (?:with|to) "
                                   r"@?[^\W\d_][\w.]* (?:been )?(?:cleared|settled|paid off|paid back)\b")
# A settlement asked for in a request's words ("i want to settle up", "can we settle with @bob"), not a question
SETTLE_ASKED_FOR_RE = re.compile(r"(?:i (?:want|need|would like|wanna)|i'd like|let'?s|can (?:we|i)|could (?:we|i)|"
                                 r"please|pls)(?: to)? (?:settle|square|clear|zero)\b")
# "i paid alice 1000 back": the person paid back, named without "@"; "karim er dhar shodh korlam 3000": karim's loan
PAID_TO_RE = gated(r"\b(?:pa(?:id|y(?:ing)?)\s+(?:back\s+)?(?:to\s+)?|repaid\s+)(?P<name>[^\W\d_][\w.]*)|"
                   r"\b(?:received|got) " + _THEIR_SHARE)
# … named first: "arif ke 2000 return korlam", "ami tanvir ke 1200 taka ferot dilam", "sabbir r amar baki 450 clear
# korlam"
NAMED_FIRST_RE = re.compile(r"^(?:(?:ami|aj|ajke|kal|kalke) )*(?P<name>[^\W\d_][\w.]*)"
                            r"(?: " + HONORIFIC + r")? (?:ke (?:tk |৳)?\d[\d,.]*k? (?:tk |taka )?"
                            r"(?:\w+ )?(?:return(?=.*\b(?:dhar|dena|loan|baki|borrowed)\b)|shodh|sodh|"
                            r"ferot (?:dilam|disi|diyechi|dichi|dilm|kore dilam|kore disi)\b)|"
                            r"r amar baki|"
                            # "rafsan finally cleared his dues, 650"
                            r"(?:finally |just |already )?cleared (?:his|her|their) (?:dues?|debts?|loan|tab|baki)\b"
                            r"(?! (?:to|with|at|from|of)\b))")  # not "… cleared his debt to sumi": another's
DEBT_OF_RE = re.compile(r"(?<![\w\u0980-\u09ff])(?P<name>[^\W\d_][\w\u0980-\u09ff.]*)"
                        r"(?: (?:bhai|vai|bhaiya|vaiya|apu|apa|da|dada|bhabi))? (?:er|r) (?:sathe |shathe |songe )?"
                        r"(?:dhar|dena|rin|loan|hisab|hishab|shob|sob|ধার|দেনা)")
# … or named after what was cleared: "hisab clear korlam jamal er sathe", "shodh korlam tanim er 800 taka"
DEBT_OF_AFTER_RE = gated(r"\b(?:hisab|hishab) (?:clear|mitiye|mitalam|mitailam) (?:\w+ )?(?P<name>[^\W\d_][\w.]*) "
                              r"(?:er|r) (?:sathe|shathe|songe)\b|"
                              r"^" + SHODH_DONE + r" (?P<name2>[^\W\d_][\w.]*) (?:er|r)\b")
# "করিমের ধার শোধ করলাম": a name in Bengali script with its "-er" joined on
SCRIPT_DEBT_OF_RE = re.compile(r"(?<![\w\u0980-\u09ff])(?!(?:আমা|তোমা|তা|ও|ওনা|উনা|আপনা|আমাদে|তোমাদে|তাদে|সবা)(?:র|ের) )"
                               r"(?!(?:ব্যাংক|ব্যাঙ্ক|বিকাশ|নগদ|অফিস|দোকান|কোম্পানি|লোন)(?:ের|এর|র) )"
                               r"(?P<name>[\u0980-\u09ff]+?)(?: ভাই| আপু| ভাইয়া)?(?:য়ের|ের|এর|র) "
                               r"(?:sathe |shathe |songe )?(?:sob |shob )?(?:dhar|dena|rin|loan|hisab)\b|"
                               # "রাকিব ধারের ১৫০০ টাকা শোধ করে দিয়েছে": the one who paid it back, named first
                               r"^(?!(?:আমার|আমি|আমরা|আমাদের|তার|তাদের|সে|তারা|ও|উনি|উনার|তিনি|আপনার|তোমার|ভাই|আপু) )"
                               r"(?P<name2>[\u0980-\u09ff]+) dhar er\b")
# said last, Bengali's "not" or "has it been?" ("করিমের ধার শোধ করলাম না", "শোধ হয়েছে কি"; "settle kore feli naki"
# suggests one)
UNDONE_END_RE = gated(r"\b(?:korlam|korsi|kori|korini|dilam|disi|hoy|hoyni|hoise|holo) (?:na|nai|ni)\W*$|"
                           r"\b(?:hoyeche|hoise|hoyse|holo) ki\W*$")
# "mark rumana's debt as paid": the one named, now (not "… as paid tomorrow", "don't mark …")
MARKED_PAID_RE = gated(r"(?<!don't )(?<!dont )(?<!do not )\bmark (?P<name>[^\W\d_][\w.]*)['’]s "
                            r"(?:debts?|dues?|loan) as (?:paid|settled|cleared)\b"
                            r"(?! (?:tomorrow|once|when|later|after|yet|next|soon)\b)")
NOT_A_NAME = frozenset({"back", "you", "him", "her", "them", "it", "off", "me", "us", "my", "the", "a", "an", "for",
                        "up", "all", "everything", "everyone", "in", "cash", "today", "yesterday", "what", "that",
                        "shob", "sob", "amar", "tomar", "amader", "tomader", "tar", "or", "ei", "oi", "ami", "bank",
                        "dokan", "office", "bkash", "nagad", "rocket", "brac", "company", "shop", "store", "house",
                        "home", "car", "bike", "card", "credit", "student", "personal", "basha", "ghor", "amr",
                        "bazar", "bazaar", "school", "samity", "somiti", "ngo", "uni", "tini", "shobai", "sobai",
                        "customer", "client", "dokandar", "landlord", "bariwala", "amazon", "daraz", "driver"})
# "got 1500 back from @joy", "@rony returned my 2000": the other person paid the sender.
PAID_ME_RE = gated(r"\b(?:got|received|pelam)\b.*\bback\b|\bpaid me\b|\breturned my\b|\bamake\b.*\bferot\b|"
                   r"\b(?:received|got) " + _THEIR_SHARE + "|"
                        r"\bcleared (?:his|her|their)\b|\b(?:ferot|shodh kore) (?:dis?e|diyeche|dilo)\b|"
                        r"\bpaid (?:me )?back\b.*\bto me\b|"
                        + SENT_OWED)
SETTLE_HINTS = frozenset({"settle", "settled", "settles", "settleup", "square", "back", "setle", "setttle",
                          "returned", "ferot", "even", "clear", "cleared", "zero", "nothing", "owed", "hisab", "hishab",
                          "shodh", "sodh", "shod", "diye", "mark", "paona", "mite", "shesh", "repaid", "return",
                          "share", "baki", "bhag"})
SCRIPT_HINTS = ("শোধ", "মিটাও", "মিটিয়ে", "ক্লিয়ার")  # Bengali words whose vowel signs split them into \w runs


def may_settle(lower: str, words: Set[str]) -> bool:
    """A quick look: whether `settlement` may find anything (`words` are the \\w runs of `lower`)."""
    return not words.isdisjoint(SETTLE_HINTS) or any(hint in lower for hint in SCRIPT_HINTS)


def settlement(lower: str, body: str, names: list[str], *, money: bool, asked: bool,
               asked_the_bengali_way: bool) -> Intent | None:
    """A settlement (its people and payer; the caller adds the amount), the balances when a debt is asked after or
    was never paid back, or None. `asked` is whether the text is a question."""
    if not names and UNNAMED_GAVE_MINE_RE.match(lower):
        return Intent("unknown", 0.3, {"unnamed_payer": "paid back"})  # "se baki 3400 shodh korse": who did?
    gave_mine = GAVE_MINE_RE.match(lower) or GAVE_THEIRS_RE.match(lower)
    if gave_mine is not None and names and gave_mine["name"].lstrip("@") not in {
            part for name in names for part in (name.lower(), name.lower().split(" ", 1)[0])}:
        gave_mine = None  # "karim amar 500 ta diye dise, @nabil …": karim gave it, not the one mentioned
    if names and "owe" in lower and NOT_SENT_OWED_RE.search(lower):
        return Intent("balances", 0.8, {"mentions": names})
    if not money and DEBT_CLEARED_ASKED_RE.match(lower):
        return Intent("balances", 0.8, {"mentions": names} if names else {})
    settled = SETTLE_RE.search(lower) is not None or gave_mine is not None
    if settled and NOT_PAID_BACK_RE.search(lower) and "settle" not in lower:
        # "i never got my 500 back from @bob": nothing was paid; what bob owes is the useful answer
        return Intent("balances", 0.8, {"mentions": names} if names else {})
    named = _named_without_at(body, lower) if not names else []
    if not settled and (names or named) and (DEBT_CLEARED_RE.search(lower) or MARKED_PAID_RE.search(lower)):
        settled = True
    if not settled and ALL_SETTLED_RE.search(lower):
        settled = True
    if not settled or SETTLE_NOT_RE.search(lower) or (money and not names and REFUND_RE.search(lower)):
        return None
    if not money and (asked_the_bengali_way or SETTLED_ASKED_RE.match(lower) or ASKED_LAST_RE.search(lower)):
        # "joy er sathe settle hoise naki", "did we settle with @bob": asked whether, so what is owed is the answer
        return Intent("balances", 0.8, {"mentions": names} if names else {})
    if UNDONE_END_RE.search(lower):  # "করিমের ধার শোধ করলাম না", "… শোধ হয়েছে কি": not paid, or asked
        return Intent("balances", 0.8, {"mentions": names or named}) if names or named else None
    if not (names or not asked or SETTLE_ASKED_FOR_RE.match(lower)):
        return None
    if not names and not named and gave_mine is not None and gave_mine["name"] not in NOT_A_NAME:
        named = [body[gave_mine.start("name"):gave_mine.end("name")] if body.lower() == lower else gave_mine["name"]]
    names = names or named
    entities: dict[str, object] = {"mentions": names}
    if len(names) == 1 and (PAID_ME_RE.search(lower) or gave_mine is not None):
        entities["payer"] = names[0]
    return Intent("settle_up", 0.92 if names else 0.6, entities)


def _named_without_at(body: str, lower: str) -> list[str]:
    """"i paid alice 1000 back", "karim er dhar shodh korlam": the one person named without "@", as typed."""
    found = MARKED_PAID_RE.search(lower) if "mark" in lower else None
    if found is None:
        found = PAID_TO_RE.search(lower) or NAMED_FIRST_RE.match(lower)
    if found is None or found["name"] in NOT_A_NAME:
        found = next((debt for debt in DEBT_OF_RE.finditer(lower) if debt["name"] not in NOT_A_NAME), None) \
            or (SCRIPT_DEBT_OF_RE.search(lower) if not lower.isascii() else None)
    if found is None and (found := DEBT_OF_AFTER_RE.search(lower)) is not None \
            and (found["name"] or found["name2"]) in NOT_A_NAME:
        found = None
    if found is None:
        return []
    group = next((g for g in ("name", "name2", "name3") if found.re.groupindex.get(g) and found[g]), "name2")
    # "… (er) dhar" or said another way ("shodh korlam tanim er 800"), or whose share came ("… from tanim for his …")
    return [body[found.start(group):found.end(group)]] if body.lower() == lower else [found[group]]
