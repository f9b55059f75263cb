"""Money that came in, told without an income word: given to the sender by a relative or a client, a shop's
takings, tips made; and a salary that went out ("maid salary 6000")."""
from __future__ import annotations

import re

from core.nlu import bengali

# Money that came in, said in English: from a client or a relative ("client paid me $350", "papa sent 2 lakh",
# "bday money from nan £50"), or made ("made 140 in tips tonight")
RECEIVED_FROM_RE = re.compile(r"\b(?:client|customer|boss|company|employer|buyer|tenant)s? "
                              r"(?:paid|sent|transferred|gave) me\b|"
                              r"^(?:my )?(?:papa|mom|mum|dad|mummy|daddy|nan|nana|grandma|granny|grandpa|parents|uncle|"
                              r"aunt|auntie) (?:sent|gave|transferred)(?: me)? (?!(?:the|a|an|his|her|my)\b)"
                              r"(?!.*\bto (?:the |my |his |her |a )?\w+)|"
                              r"\b(?:bday|birthday|gift|eidi|salami) money from\b|"
                              r"\bmade (?:[$£€₹৳]\s?)?\d[\d,.]*k? (?:in|from) (?:tips|sales|commission|overtime)\b")
# a salary paid to someone working for the sender ("maid salary 6000", "driver er salary")
STAFF_SALARY_RE = re.compile(r"\b(?:maid|driver|guard|cook|helper|nanny|cleaner|staff|bua|darwan|dariwan)"
                             r"(?:'s| er| r)? salary\b")


def came_in(lower: str, words: set[str], has_verb: bool) -> bool:
    """Money given to the sender ("abbu amake 2000 diye dise", "client paid me $350", "papa sent 2 lakh"), a shop's
    takings with nothing bought ("cash sale 7,850"), or made ("made 140 in tips"); never asked ("client paid me 350?").
    `words` are the \\w runs of `lower`; `has_verb` whether one of them is a verb of spending."""
    return (not (words.isdisjoint(bengali.TO_ME) and words.isdisjoint(bengali.FAMILY))
            and bengali.GIVEN_TO_ME_RE.search(lower) is not None) \
        or (not has_verb and ("sale" in lower or "bikri" in lower) and bengali.TAKINGS_RE.search(lower) is not None) \
        or ("?" not in lower and RECEIVED_FROM_RE.search(lower) is not None)


def paid_to_staff(lower: str, words: set[str]) -> bool:
    """A salary paid to someone working for the sender ("maid salary 6000 rs for march"), not one earned."""
    return "salary" in words and STAFF_SALARY_RE.search(lower) is not None
