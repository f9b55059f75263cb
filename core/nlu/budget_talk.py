"""Budgets in words: one set ("food budget 3000", "grocery limit 12000 per month"), one asked about, and what sounds
like one but is not ("i went over my eating out budget by 50", "budget meeting moved to thursday")."""
from __future__ import annotations

import re
from collections.abc import Set

from core.nlu.categories import Categoriser
from core.nlu.gates import Gated, gated, words_of
from core.nlu.numbers import DONE_WORDS, TO_COME_RE

BUDGET_WORDS = frozenset({"budget", "budgets"})
CAP_RE = gated(r"^(?:limit|cap) (?:my |the |our )?(?P<category>[^\W\d_]+)(?: spending| expenses)? (?:to|at) ")
# … or the category's limit set: "grocery limit 12000 per month pls", "shopping er limit 5k e namiye dao"
# (the whole message: not "shopping limit 3000 ki thik ache?", "rent limit 15000 hobe na", "… 3000 cross korse")
LIMIT_SET_RE = re.compile(r"^(?:(?:set|make|change) (?:my |the |our )?)?(?P<category>[^\W\d_]+)(?: er| r)? "
                          r"(?:limit|cap)(?: (?:to|at|of|is|ta|e|hobe))? ?(?:[৳$]|tk\.? ?)?\d[\d,.]*k?"
                          r"(?: ?(?:tk|taka))?"
                          r"(?: e)?(?: (?:per|a) (?:month|week)| monthly| weekly)?"
                          r"(?: (?:pls|please|plz|koro|kore dao|namiye dao|komiye dao|bariye dao|rakho|set koro|dhoro|"
                          r"hobe))*[\s.!]*$")  # (looked for with "limit" or "cap")
# … or a period's limit for a category: "daily limit 300 for rickshaw+cng", "weekly cap of 2000 on eating out",
# "monthly transport limit 2000"
PERIOD_LIMIT_RE = gated(r"^(?:set (?:a |my |the )?)?(?:daily|weekly|monthly|yearly) (?:(?P<named>(?!spending\b)"
                        r"[^\W\d_]+) )?(?:spending )?(?:limit|cap) (?:of |to |at )?(?:[৳$]|tk\.? ?)?\d[\d,.]*k?"
                        r"(?: ?(?:tk|taka))?(?: (?:for|on) (?P<category>[^\W\d_]+)|\W*$)")
# "how much do i have left to spend on groceries", "how much can i still spend this month": what a budget leaves
LEFT_TO_SPEND_RE = gated(r"\bleft (?:over )?to spend\b|\b(?:can|could) (?:i|we) still (?:afford to )?spend\b|"
                              r"\bhow much more (?:can|could) (?:i|we) spend\b|\bhow much is left (?:for|on|in)\b|"
                              r"\bstill (?:have )?(?:left )?to spend\b")
LEFT_HINTS = frozenset({"left", "still", "more"})
# "how close am i to my monthly spending cap": a cap on one's spending is a budget
SPENDING_CAP_RE = gated(r"\b(?:spending|monthly|weekly|grocery|food|shopping) cap\b")
# "whats my weekly grocery limit", "did i cross the shopping limit": a category's limit is its budget (a card's is not)
NOT_A_BUDGET_LIMIT = frozenset({"credit", "card", "cards", "withdrawal", "daily", "atm", "transfer", "bank"})
# "have i gone over my grocery allowance": a budget by another name ("weekly allowance 500 to tuhin" is pocket money)
ALLOWANCE_RE = gated(r"\b(?:over|under|within|left (?:in|of|on)|of|on track with) (?:my|our|the) (?:\w+ )?"
                          r"allowance\b")
BUDGET_SET_RE = gated(r"\b(?:set|budget for|budget of|limit|per|a month|monthly|weekly|a week|mashe|masik|daily|"
                      r"yearly|annual|protidin|doinik|saptahik|barshik|batsorik)\b|^dine\b|"
                           r"\bbudget\s+(?:\w+\s+)?[\d৳$]|\bbudget (?:dhoro|dhore rakho|rakho|koro|set)\b|^cap\b")
BUDGET_NOISE_RE = re.compile(r"\b(?:set|budget|budgets|cap|at|it|for|of|to|per|a|the|this|month|monthly|week|weekly|"
                             r"limit|status|my|our|is|how|left|remaining|mashe|masik|dhoro|dhore|rakho|taka|tk|"
                             r"soptahe|shoptahe|bochore|dine|kivabe|kibhabe|kemne|daily|day|yearly|annual|year|"
                             r"protidin|doinik|saptahik|barshik|batsorik|fix|koro|kore|dao|koren|korun|can|could|"
                             r"would|will|you|make|create|up|setup|an|rupees?|dollars?|bucks|usd|bdt|inr|euros?|"
                             r"pounds?|gbp|eur)\b|"
                             r"[\d.,]+|\S*[৳$€£₹]\S*")
# the period a budget is set for, the first named ("daily food budget 300", "বছরে ৫০০০০ ঘুরাঘুরির বাজেট"), else a month
BUDGET_UNIT_RE = re.compile(r"\b(?P<day>daily|(?:per|a|each|every) day(?! trip)|everyday|protidin|proti din|doinik|"
                            r"diner|^dine(?! out\b))\b|\b(?P<week>week(?!end)|soptah|shoptah|saptahik)|"
                            r"\b(?P<year>yearly|annual(?:ly)?|(?:per|a|each|every) year|per annum|bochore|bochorer|"
                            r"barshik|batsorik|(?:this|for the) year(?:'s)?)\b|\b(?P<month>month|mash|masik)")
# a budget that is not one's own spending plan: "budget meeting moved to thursday", "the budget speech"
NOT_OWN_BUDGET_RE = gated(r"\bbudget (?:meeting|committee|proposal|presentation|review|speech|session|deficit|"
                               r"cuts?|hearing)\b|"
                               r"\b(?:govt|government|ministry|parliament) (?:\w+ ){0,4}?budget\b|"
                               r"\b(?:national|federal|union) (?!(?:park|tour|trip|day)\b)(?:\w+ )?budget\b|"
                               r"\b(?:govt|government|ministry) (?:\w+ )?(?:allot|allocat)")
# spending told against a budget, none set: "i went over my eating out budget by 50", "… budget e 3000 khoroch holo"
SPENT_FROM_RE = gated(r"\b(?:went|gone|go|going|been|am|are|is|was) over\b|\bkhoroch\b|"
                           r"\b(?:crossed|exceeded|par hoye|par hoise|cross korlam|cross hoise)\b")
BUDGET_SET_NOW_RE = gated(r"\bbudget (?:\w+ )?(?:[৳$]|tk\.? ?)?\d[\d,.]*k?(?: ?(?:tk|taka))? (?:set|fix) "
                          r"(?:koro|kore dao|koren|korun|kore den)\b")
SET_ASKED_RE = re.compile(r"(?:(?:can|could|would|will) you (?:please |pls |kindly )?)?(?:set ?up|set|make|create) "
                          r"(?:an? |my |the |our )?(?:[^\W\d_]+ ){0,2}budget(?: (?:for|of|to|at|as))? "
                          r"(?:[৳$]|tk\.? ?)?\d[\d,.]*k?(?: ?(?:tk|taka|rupees|dollars|bucks|usd|bdt|inr))?"
                          # "create a budget of 15000 rupees for this month", "… of 15000 for food"
                          r"(?: (?:for|on) (?:[^\W\d_]+ ){0,2}[^\W\d_]+)?"
                          r"(?: (?:a|per) (?:month|week|day|year)| monthly| weekly| daily| yearly)?(?: please| pls)?"
                          r"[\s.!?]*$")
# a bound a plan keeps within, no budget set: "team lunch kal korbo, budget 3000 er moddhe"
WITHIN_RE = gated(r"\b(?:moddhe|modhe|within|vitore|bhitore)\b")
# a budget proposed or told by someone else, not set: "budget 10k per head rakhle kemon?", "boss said budget for the
# party is 20k"
BUDGET_TALK_RE = gated(r"\b(?:kemon|how about|what if|should we|shall we|rakhle|rakha jay|rakha jabe)\b|"
                       r"\b(?:he|she|they|boss|sir|madam|bhai|vai|apu|abbu|ammu) (?:said|says|told|bollo|bolse|bolche|"
                       r"bolechen|bollen)\b")
# "budget for eating out 3000", "set eating out budget to 3000": the food budget, no spending told
EATING_OUT_BUDGET_RE = gated(r"\b(?:eat(?:ing)?|dine|dining) out budgets?\b|"
                                  r"\bbudgets? (?:\S+ ){0,2}?(?:for|of|on) (?:eat(?:ing)?|dine|dining) out\b")


def budget_set_said(lower: str, spent_word: Gated) -> bool:
    """A setting's words with no spending told (`spent_word` finds it; an eating-out budget's name is none), not over
    a budget, no money said paid or received ("yearly insurance premium 24000 dilam, budget e chilo"), and no bound a
    plan keeps within; or a budget asked outright to be set ("daily budget 500 set koro")."""
    return (BUDGET_SET_RE.search(lower) is not None and SPENT_FROM_RE.search(lower) is None
            and not (WITHIN_RE.search(lower) and TO_COME_RE.search(lower))
            and spent_word.search(named_food(lower)) is None
            and DONE_WORDS.isdisjoint(words_of(lower))) or BUDGET_SET_NOW_RE.search(lower) is not None


def budget_unit(lower: str) -> str:
    """"day", "week", "month" or "year": the period a budget set in `lower` is for."""
    found = BUDGET_UNIT_RE.search(lower)
    return (found.lastgroup or "month") if found is not None else "month"


def asked_to_set(lower: str) -> bool:
    """A budget asked to be set, in a request's words, the whole message: "can you set up a travel budget for 1500",
    "make my entertainment budget 150" (a question's first words, but no question; not "make a budget for me, my
    salary is 40000" nor "could you make a chart of my food budget 5000 vs actual")."""
    return SET_ASKED_RE.match(lower) is not None


def named_food(lower: str) -> str:
    """The text with an eating-out budget named as the food budget it is."""
    return EATING_OUT_BUDGET_RE.sub("food budget", lower) if "eat" in lower or "dine" in lower or "dining" in lower \
        else lower


def budget_category(lower: str, categories: Categoriser, unknown_word: bool = True) -> str:
    """The budget's category: a known one named, else (`unknown_word`) the first word left ("budget chai 500")."""
    words = BUDGET_NOISE_RE.sub(" ", lower).split()
    for word in words:
        if known := categories.known(word):
            return known
    return words[0] if unknown_word and words and len(words[0]) > 2 and words[0].isalpha() else "other"


def about_a_budget(lower: str, words: Set[str], money: bool, categories: Categoriser) -> bool:
    """Names a budget, what is left to spend, a cap set on a category, or a category's limit."""
    return (not words.isdisjoint(BUDGET_WORDS) and NOT_OWN_BUDGET_RE.search(lower) is None) \
        or (not money and "allowance" in words and ALLOWANCE_RE.search(lower) is not None) \
        or (not money and not words.isdisjoint(LEFT_HINTS) and LEFT_TO_SPEND_RE.search(lower) is not None) \
        or (money and (cap := CAP_RE.match(lower) or (LIMIT_SET_RE.match(lower) if "limit" in words or "cap" in words
                                                       else None)) is not None
            and categories.exact(cap["category"]) is not None) \
        or ("limit" in words and not money and words.isdisjoint(NOT_A_BUDGET_LIMIT)
            and categories.guess(lower) != "other") \
        or ("cap" in words and not money and SPENDING_CAP_RE.search(lower) is not None) \
        or (money and (limit := PERIOD_LIMIT_RE.search(lower)) is not None
            and categories.known(limit["category"] or limit["named"] or "") is not None)
