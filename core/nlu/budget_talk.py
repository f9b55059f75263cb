"""A budget set in words ("food budget 3000", "set eating out budget to 3000"), and what sounds like one but is
not ("i went over my eating out budget by 50", "budget meeting moved to thursday")."""
from __future__ import annotations

import re

from core.nlu.categories import Categoriser
from core.nlu.gates import Gated, gated
from core.nlu.numbers import TO_COME_RE

BUDGET_SET_RE = gated(r"\b(?:set|budget for|budget of|limit|per|a month|monthly|weekly|a week|mashe|masik)\b|"
                           r"\bbudget\s+(?:\w+\s+)?[\d৳$]|\bbudget (?:dhoro|dhore rakho|rakho|koro|set)\b|^cap\b")
BUDGET_NOISE_RE = re.compile(r"\b(?:set|budget|budgets|cap|at|it|for|of|to|per|a|the|this|month|monthly|week|weekly|"
                             r"limit|status|my|our|is|how|left|remaining|mashe|masik|dhoro|dhore|rakho|taka|tk|"
                             r"soptahe|shoptahe|bochore|dine|kivabe|kibhabe|kemne)\b|"
                             r"[\d.,]+|\S*[৳$€£₹]\S*")
# a budget that is not one's own spending plan: "budget meeting moved to thursday", "the budget speech"
NOT_OWN_BUDGET_RE = gated(r"\bbudget (?:meeting|committee|proposal|presentation|review|speech|session|deficit|"
                               r"cuts?|hearing)\b")
# spending told against a budget, none set: "i went over my eating out budget by 50", "… budget e 3000 khoroch holo"
SPENT_FROM_RE = gated(r"\b(?:went|gone|go|going|been|am|are|is|was) over\b|\bkhoroch\b|"
                           r"\b(?:crossed|exceeded|par hoye|par hoise|cross korlam|cross hoise)\b")
# a bound a plan keeps within, no budget set: "team lunch kal korbo, budget 3000 er moddhe"
WITHIN_RE = gated(r"\b(?:moddhe|modhe|within|vitore|bhitore)\b")
# "budget for eating out 3000", "set eating out budget to 3000": the food budget, no spending told
EATING_OUT_BUDGET_RE = gated(r"\beat(?:ing)? out budgets?\b|"
                                  r"\bbudgets? (?:\S+ ){0,2}?(?:for|of|on) eat(?:ing)? out\b")


def budget_set_said(lower: str, spent_word: Gated) -> bool:
    """A setting's words with no spending told (`spent_word` finds it; an eating-out budget's name is none), not over
    a budget, and no bound a plan keeps within."""
    return BUDGET_SET_RE.search(lower) is not None and SPENT_FROM_RE.search(lower) is None \
        and not (WITHIN_RE.search(lower) and TO_COME_RE.search(lower)) \
        and spent_word.search(named_food(lower)) is None


def named_food(lower: str) -> str:
    """The text with an eating-out budget named as the food budget it is."""
    return EATING_OUT_BUDGET_RE.sub("food budget", lower) if "eat" in lower else lower


def budget_category(lower: str, categories: Categoriser, unknown_word: bool = True) -> str:
    """The budget's category: a known one named, else (`unknown_word`) the first word left ("budget chai 500")."""
    words = BUDGET_NOISE_RE.sub(" ", lower).split()
    for word in words:
        if known := categories.known(word):
            return known
    return words[0] if unknown_word and words and len(words[0]) > 2 and words[0].isalpha() else "other"
