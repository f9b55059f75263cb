"""Money that came in, told without an income word: given to the sender by a relative or a client, a shop's
takings, tips made; and a salary that went out ("maid salary 6000")."""
from __future__ import annotations

import re
from collections.abc import Set

from core.nlu.gates import gated

# Money given to the sender ("abbu amake 2000 diye dise"; "ammu dilo 1000 haat khoroch": a relative's gift, told
# with its amount and verb first): income. Not money given to someone else ("abbu ke 3000 dise"), a loan ("amake 500
# dhar dilo": a debt), a question ("amake 500 dise ki"), nor a relative paying for something ("bhai rent 5000 dilo",
# "vai 200 dilo uber e").
TO_ME = frozenset({"amake", "amay", "amare"})
FAMILY = frozenset({"abbu", "ammu", "baba", "ma", "amma", "abba", "apu", "apa", "bhaiya", "vaiya", "bhai", "vai",
                    "mama", "mami", "khala", "khalu", "chacha", "chachi", "fupi", "nana", "nani", "dada", "dadi"})
_GAVE = r"(?:diye )?(?:dise|dilo|diyeche|dilen|disen|diyechen)\b(?! (?:na|ki|naki)\b)(?!.*\?)"
_AMOUNT = r"[\d.,]+ ?(?:k|hajar|hazar)?(?: taka| tk)? "
_OCCASION = r"(?:biye|biyer|bie|bier|বিয়ের|বিয়ে|eid|puja|pujar|bazar|rent|vara|bhara|treatment|chikitsa|haat khoroch)"
# (nor a bill, a fine, a charge, change or a discount given: "amake 500 tk jorimana dise", "amake 20 taka change dise")
_NOT_GIVEN = (r"(?:ke|dhar|dhaar|loan|lone|rin|dena|kom|jorimana|fine|bill|charge|discount|change|dam|quote|invoice|"
              r"receipt|hisab)")
# a driver's or a member's day's money handed to the sender: "kalam jama dilo 350", "মনির আজকের জমা ৩৫০ টাকা দিছে"
JAMA_GIVEN_RE = gated(r"\b(?:jama|জমা) (?:(?:\d[\d,.]*|taka|tk) ){0,2}(?:dilo|dise|diyeche|dilen|disen)\b"
                      r"(?! na\b)(?!.*\?)")
# … not a bill, a fee or an advance paid, nor money put somewhere ("abbu bank e 5000 jama dise", "ভাই কলেজে ফি জমা
# দিলেন ৩০০০", "bhai landlord er kache 5000 advance jama dise")
NOT_JAMA_TO_ME = frozenset({"bill", "fee", "fees", "fi", "ফি", "বিল", "advance", "bank", "samity", "somiti", "office",
                            "bkash", "nagad", "rocket", "school", "college", "account", "passport", "kache"})
JAMA_PLACED_RE = re.compile(r"(?:\b(?:e|te)\b|[\u0980-\u09ff]ে\b)[^,.;]*(?:\bjama\b|জমা)")
GIVEN_TO_ME_RE = gated(r"\b(?:amake|amay|amare) (?:(?!" + _NOT_GIVEN + r"\b)\S+ ){0,4}?" + _GAVE + "|"
                            r"^(?:amar )?(?:" + "|".join(sorted(FAMILY)) + r") (?:amake )?"
                            # the occasion it was given for ("khalu biyer jonno 50 hajar taka dilen"; not "mama rafi er
                            # jonno", someone else's, nor "mama ke eid er jonno …", given to the relative)
                            r"(?:" + _OCCASION + r" (?:khoroch )?(?:er )?jonno )?(?:" + _AMOUNT + r")?"
                            + r"(?!.*\b\w+ (?:e|te)\b)" + _GAVE)
# A shop's takings ("aj dokane cash sale 7,850", "আজ দোকানে বিক্রি হলো ৫৬০০ টাকা"), not a thing bought on sale
TAKINGS_RE = gated(r"(?:\bbikri\b|\bcash sales?\b|\bsales? (?:holo|hoise|hoyeche|hoyse|hocche|today)\b|"
                        # "aj dokane becha holo 11800": the shop's sales
                        r"\bdokan\w* (?:\S+ ){0,2}?becha (?:holo|hoise|hoyeche|hoyse)\b|"
                        # rent collected: "aj garage er vara uthlo 2400 tk" (not a fare gone up: "bus er vara uthlo 10
                        # tk beshi")
                        r"(?<!bus )(?<!bus er )(?<!cng )(?<!train er )(?<!gari )\b(?:vara|bhara) (?:uthlo|uthse|"
                        r"utheche|uthche|uthsilo)\b(?![^,.]*\b(?:beshi|besi|barse|barlo)\b)|"
                        r"\b(?:today'?s|daily|dokan(?:er)?|shop'?s?) sales?\b|"
                        # the day's sales told, the whole message, nothing after the figure: "dokan er aj sale 18500",
                        # "ajker sale 18500" (not "ajker sale price 1500", "Aarong e ajker sale 3200")
                        r"^(?:dokan(?:er)?|shop'?s?|aj|aaj|ajke|aajke|ajker|aajker)(?: er)?(?: (?:aj|aaj|ajke|ajker|"
                        r"mot|total))? sales?(?: (?:holo|hoise|hoyeche))? (?:tk\.? ?|৳ ?)?\d[\d,.]*+k?"
                        r"(?: ?(?:tk|taka|৳))?[\s.!]*$)"
                        r"(?![^,.]*\b(?:target|goal|nai|na|hoy ?ni)\b)")  # in its clause: "…, kharap na" is takings
# A thing sold ("purono cycle ta 3500 taka e bikri korlam", "পুরোনো সাইকেলটা ৩৫০০ টাকায় বিক্রি করলাম"): its price came
# in, though "korlam" is a verb of spending (not "500 taka commission diye bikri korlam": the commission was paid)
SOLD_RE = gated(r"\bbikri (?:korlam|korsi|korechi|kore dilam|kore disi)\b(?! na\b)|"
                     r"\bbechi (?:dilam|disi)\b(?! na\b)|\b(?:bechlam|bechsi)\b(?! na\b)")
# Money that came in, said in English: from a client or a relative ("client paid me $350", "papa sent 2 lakh",
# "bday money from nan £50"), or made ("made 140 in tips tonight")
RECEIVED_FROM_RE = gated(r"\b(?:client|customer|boss|company|employer|buyer|tenant)s? "
                              r"(?:paid|sent|transferred|gave) me\b|"
                              # a client's payment told with its amount: "client from Germany paid invoice 780 EUR",
                              # "customer paid 500" (not "… paid the courier 200": the amount right after)
                              r"^(?:my |the |a |one |our )?(?:client|customer|buyer|tenant)s?(?: from \w+(?: \w+)?)? "
                              r"(?:paid|sent|transferred)(?: (?:the |my |his |her |their )?(?:invoice|bill|advance|"
                              r"balance|dues|rent|fees?))? (?:\$|৳|tk|usd|eur|rs)?\s?\d[\d,.]*k?"
                              r"(?:\s*(?:tk|taka|usd|eur|bdt|dollars?|euros?))?(?:\s+(?:today|ajke|aaj))?\s*[.!]*$|"
                              # (not a bill, a complaint or a thing sent: "dad sent me the electricity bill 2300", "mom
                              # sent 500 to my sister")
                              r"^(?:my )?(?:papa|mom|mum|dad|mummy|daddy|nan|nana|grandma|granny|grandpa|parents|uncle|"
                              r"aunt|auntie|brother|sister|cousin|bhai|apu|khala|mama|chacha|fupu) "
                              r"(?:sent|gave|transferred) (?:me )?"
                              r"(?!(?:the|a|an|his|her|my)\b)"
                              r"(?![^,.]*\bto (?:the |my |his |her |a )?\w+)"
                              r"(?!(?:[^\s,.]+ ){0,3}(?:bill|invoice|complaint|quote|receipt|fine|notice)s?\b)|"
                              r"\b(?:bday|birthday|gift|eidi|salami) money from\b|"
                              # a freelancer's milestone paid ("milestone release hoise 275 dollar")
                              r"^milestone (?:payment )?(?:(?:release|clear|paid) (?:hoise|holo|hoyeche|hoilo)\b"
                              r"(?! na\b)|(?:released|cleared)\b(?! (?:na|korbo|korte|hobe)\b))(?!.*\bto\b)|"
                              # "freelance payment came in, $320 from the upwork client"
                              r"\b(?:payment|salary|money|transfer|remittance|invoice) (?:came|has come|just came) "
                              r"in\b[,:]? (?:\S+ )?(?:[$৳£€]|tk|rs)?\s?\d|"
                              # a client settling an invoice ("client finally paid the invoice $1200")
                              r"\b(?:client|customer|buyer)s? (?!(?:never|not|hasnt|didnt|wont|yet|still)\b)(?:\w+ )?"
                              r"paid (?:the|my|our) invoices?\b|"
                              r"\bmade (?:[$£€₹৳]\s?)?\d[\d,.]*k? (?:in|from) (?:tips|sales|commission|overtime)\b|"
                              # a tenant's rent or share, paid to the landlord who keeps the ledger ("3B er tenant
                              # rent dilo 18000", "the tenant from 1st floor paid the water bill share"), not paid to
                              # someone else ("the tenant paid the plumber")
                              r"\b(?:tenants?|bharatia|bharatiya|varatia|bharatiyara)\b"
                              r"(?:(?! (?:ke|to|i|we|and|but)\b) [^\s,.;]+){0,4}? "
                              r"(?:paid|sent|gave|transferred|dilo|dise|diyeche|dilen|pathalo|pathaise)\b"
                              r"(?! (?:na|ki|naki|nai)\b)"
                              # what a tenant pays the landlord: the rent, a bill or a share, or an amount
                              r"(?= (?:me|us)\b| (?:the |his |her |their |this month'?s |last month'?s )?"
                              r"(?:rent|bills?|share|dues?|deposit|advance|water|electricity|gas|service|bhara|vara|"
                              r"fare)\b| ?[\d৳$]|"
                              r"\s*$)")
# Money that came from somewhere, in Bengali-English ("client theke 15000 payment aise", "freelancing theke 300 dollar
# aise"): not from a bank, an ATM, savings or a wallet (one's own money), not a loan ("karim er theke 2000 aise dhar")
# and not asked after ("… aise naki", "… aise?")
CAME_FROM_RE = re.compile(r"\b(?!(?:bank|atm|loan|lone|savings|saving|account|card|bkash|nagad|rocket|wallet|er|r|e)\b)"
                          r"\w+(?: er| r| e)? theke [\d.,]+ ?(?:k|hajar|hazar)? ?(?:taka|tk|dollars?|usd|\$)? ?"
                          r"(?:payment |taka |tk )?(?:aise|aishe|asche|ashse|esheche|eshese|elo|ashlo|aslo)\b"
                          r"(?! (?:naki|ki|na)\b)(?![^,.]*\b(?:dhar|dhaar|loan|lone|rin|ferot)\b)")
# Contributions collected into a club's or a team's kitty ("sabbir dilo 500 monthly chanda", "chanda collect holo 3000")
CHANDA_RE = gated(r"\bchanda\b(?:[^,.]{0,60}?\b(?:collect|jama|uthse|uthlo|uthche|pelam|paisi|dilo|dise|diyeche)\b)|"
                       r"\b(?:dilo|dise|diyeche|dilen) (?:\S+ ){0,3}?chanda\b")
# Eid money given to the sender ("khala eid er salami dilen 2000", "শ্বশুরবাড়ি থেকে সালামি দিল ১০০০০"), not given by
# the sender to someone ("bhagne ke 500 salami dilam")
SALAMI_GIVEN_RE = re.compile(r"^(?!.*\bke\b).*\bsalami (?:\S+ ){0,3}?(?:dilen|dilo|dise|diyeche|diyechen|disen|"
                             r"pathaise|pathalo)\b(?! (?:na|ki|naki)\b)(?!.*\?)")
# a platform's payout: "Fiverr payout 120 usd", "upwork theke payout aslo 300 dollar" (not "paid payout 3000 to riders")
PAYOUT_RE = gated(r"^(?:my |amar )?(?:fiverr|upwork|payoneer|youtube|adsense|google adsense|freelancer|toptal|paypal|"
                  r"stripe|wise|daraz)(?: er| theke)? payouts?\b")
# paid to the sender: "getting paid for overtime 3000" ("got paid" holds an income word already)
GOT_PAID_RE = gated(r"(?<!\bshe )(?<!\bhe )(?<!\bthey )(?<!\bshe's )(?<!\bhe's )(?<!\bthey're )"
                    r"\b(?:getting|been) paid\b")
# a word every RECEIVED_FROM_RE match holds (a cheap look first: the record rule runs on most messages)
RECEIVED_HINTS = frozenset({"client", "clients", "customer", "customers", "boss", "bosses", "company", "companys",
                            "employer", "employers", "buyer", "buyers", "tenant", "tenants", "bharatia", "bharatiya",
                            "varatia", "bharatiyara", "papa", "mom", "mum",
                            "dad", "mummy", "daddy", "nan", "nana", "grandma", "granny", "grandpa", "parents", "uncle",
                            "aunt", "auntie", "money", "made", "brother", "sister", "invoice", "invoices", "cousin",
                            "bhai", "apu", "khala", "mama", "chacha", "fupu", "payment", "salary", "transfer",
                            "remittance", "milestone"})
RECEIVED_WORDS = frozenset({"received", "got", "pelam", "paisi", "peyechi", "pailam"})
BILL_CAME_RE = gated(r"\bbill (?!payment\b)(?:(?!payment\b)\S+ ){0,2}?"
                          r"(?:asche|ashche|ashse|aslo|ashlo|esheche|ashe|ase|aise)\b")
# a salary paid to someone working for the sender ("maid salary 6000", "driver er salary", "gave maid 3000 salary",
# "paid the driver his salary", "salary to the guard 9000")
_STAFF = r"(?:maid|driver|guard|cook|helper|nanny|cleaner|staff|bua|darwan|dariwan|tutor)"
STAFF_SALARY_RE = gated(r"\b" + _STAFF + r"(?:'s| er| r)? salary\b|"
                        r"\b(?:gave|paid|sent|transferred|pay) (?:the |my |our )?" + _STAFF + r"s?\b|"
                        r"\bsalary to (?:the |my |our )?" + _STAFF + r"s?\b")


PAID_OUT = frozenset({"paid", "pay", "gave", "dilam", "disi", "dichi", "diyechi"})


# a deposit paid to the sender, or back: "rafi paid me 5000 deposit", "deposit 20000 paid by the new tenant"
DEPOSIT_TO_ME = frozenset({"me", "us", "by", "tenant", "tenants", "client", "clients", "customer", "customers", "back",
                           "ferot", "returned", "amake"})


def deposit_paid(words: Set[str], income_words: Set[str]) -> bool:
    """A deposit paid by the sender ("paid the security deposit 20000", "husband paid the flat deposit"), not money
    deposited or a deposit paid to them: "deposit" the only word of income (`income_words`) among `words` (a
    message's \\w runs), beside a verb of paying."""
    return income_words == {"deposit"} and not words.isdisjoint(PAID_OUT) and words.isdisjoint(DEPOSIT_TO_ME)


# "came" said of what is no money ("voltage drop 180V at Mirpur 10, complaint ashche", "customer call asche 30 ta")
CAME_VERBS = frozenset({"ashlo", "aslo", "asche", "ashche", "esheche"})
NOT_MONEY_CAME_RE = gated(r"\b(?:complaints?|calls?|phone|reports?|tickets?|emails?|sms|messages?|lok|manush|guests?|"
                          r"mehman|alerts?|notices?|letters?|chithi|parcel|rain|brishti|current|power|bidyut|"
                          r"electricity) (?:" + "|".join(sorted(CAME_VERBS)) + r")\b")
MONEY_CAME_WORDS = frozenset({"taka", "tk", "payment", "money", "rent", "bhara", "salary", "bill", "bdt", "cash"})


def not_received(lower: str, words: Set[str], income_words: Set[str]) -> bool:
    """Words of income that tell no money received: a deposit paid (`deposit_paid`), or something that came which is
    no money ("complaint ashche", "current asche")."""
    return deposit_paid(words, income_words) or (income_words <= CAME_VERBS and words.isdisjoint(MONEY_CAME_WORDS)
                                                 and NOT_MONEY_CAME_RE.search(lower) is not None)


def came_in(lower: str, words: Set[str], has_verb: bool) -> bool:
    """Money given to the sender ("abbu amake 2000 diye dise", "client paid me $350", "papa sent 2 lakh"), a shop's
    takings with nothing bought ("cash sale 7,850"), made ("made 140 in tips"), a tenant's rent or a kitty's chanda;
    never asked ("client paid me 350?").
    `words` are the \\w runs of `lower`; `has_verb` whether one of them is a verb of spending."""
    return (not (words.isdisjoint(TO_ME) and words.isdisjoint(FAMILY))
            and GIVEN_TO_ME_RE.search(lower) is not None) \
        or (not has_verb and ("sale" in lower or "bikri" in lower or "becha" in lower or "ara uth" in lower)
            and TAKINGS_RE.search(lower) is not None) \
        or (("bikri" in words or "bech" in lower) and SOLD_RE.search(lower) is not None
            and "diye bikri" not in lower) \
        or (not words.isdisjoint(RECEIVED_HINTS) and "?" not in lower and RECEIVED_FROM_RE.search(lower) is not None) \
        or ("theke" in words and "?" not in lower and CAME_FROM_RE.search(lower) is not None) \
        or ("chanda" in words and "?" not in lower and CHANDA_RE.search(lower) is not None) \
        or ("paid" in words and GOT_PAID_RE.search(lower) is not None) \
        or (("payout" in words or "payouts" in words) and PAYOUT_RE.search(lower) is not None) \
        or ("salami" in words and SALAMI_GIVEN_RE.search(lower) is not None) \
        or (("jama" in words or "জমা" in lower) and words.isdisjoint(NOT_JAMA_TO_ME)
            and JAMA_GIVEN_RE.search(lower) is not None and JAMA_PLACED_RE.search(lower) is None)


def a_bill_came(lower: str, words: Set[str]) -> bool:
    """A bill that arrived ("customer bolche bill 4800 asche"): money asked for, not money that came in."""
    return "bill" in words and BILL_CAME_RE.search(lower) is not None


def paid_to_staff(lower: str, words: Set[str]) -> bool:
    """A salary paid to someone working for the sender ("maid salary 6000 rs for march"), not one earned ("maid salary
    6000 pelam": the sender is the maid)."""
    return "salary" in words and STAFF_SALARY_RE.search(lower) is not None and words.isdisjoint(RECEIVED_WORDS)


# "got new shoes for 2000", "got it for 500 at the mall": a thing got for a price was bought; not money got ("got 500
# for the old bike" sold it, "got paid for the gig 3000", "got a refund for 200", "got my salary for 2 months")
GOT_FOR_RE = gated(r"\bgot (?:(?:(?!(?:paid|money|cash|refund|refunded|reimbursed|reimbursement|back|bonus|tips?|"
                   r"commission|payment|salary|income|advance|arrears|rent|allowance|stipend|dues|share)\b)"
                   r"[^\W\d_][\w'-]*|\d+ (?:days?|nights?|weeks?|months?|years?|hours?)) ){1,6}?for "
                   r"(?:tk\.? ?|rs\.? ?|[$৳€£₹] ?)?\d+"
                   r"(?![\d,.]*\s*(?:months?|days?|weeks?|years?|hours?|nights?|mash|din)\b)")


def bought_with_got(clause: str) -> bool:
    """A thing got for a price, which was bought ("got a haircut for 300"); `clause` is in lower case."""
    return "got" in clause and GOT_FOR_RE.search(clause) is not None

