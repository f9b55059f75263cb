"""What a question narrows its records to: a shop ("at Costco") or a thing no category names ("on tires")."""
from __future__ import annotations

import re
from datetime import datetime

from core.nlu.categories import Categoriser
from core.nlu.dates import WEEKDAYS
from core.nlu.gates import gated
from core.nlu.periods import find_period
from core.nlu.queries import CARD_NAMED_RE

# A day's or a month's whole name, in any case: it ends a place's name ("at costco sunday", "at Target March")
DAY_OR_MONTH = (r"(?i:weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|june|july|august|"
                r"september|october|november|december)")
# A place's name: one or two words, the second not a preposition or a period ("at target over the weekend").
PLACE = (r"[^\W\d_][\w&'.-]*(?: (?!(?:over|on|in|at|for|from|to|with|and|during|since|this|last|that|yesterday|today|"
         r"tonight|the|my|of|so|recently|lately|overall|altogether|till|until|every|each|ever|now|total|combined|before|"
         r"after|" + DAY_OR_MONTH + r")\b)"
         r"[^\W\d_][\w&'.-]*)?")
SPENT_AT_RE = gated(r"\b(?:what (?:did (?:i|we) (?:spend|buy|purchase|get)|(?:i|we)(?:'ve| have)? (?:spent|bought|"
                    r"purchased|got))|(?:did|have) (?:i|we) (?:buy|bought|purchase|purchased|get|got) "
                    r"(?:anything|something)) (?:at|in|from) (?:the )?"
                    r"(?P<place>" + PLACE + r")", re.IGNORECASE)
# "how much did i spend at costco": a figure for one shop, which the summary narrows to (as it does to a category)
STORE_FIGURE_RE = gated(r"\bhow much (?:money )?(?:(?:did|have|do) (?:i|we) (?:spend|spent|drop|dropped|blow|"
                        r"blew|pay|paid|put down) )?at (?:the )?(?P<place>" + PLACE + r")", re.IGNORECASE)
# "how much did i spend on tires": a figure for a thing no category names, which the summary narrows to by the
# entries' descriptions (rather than answering with all spending)
ITEM_FIGURE_RE = gated(r"\b(?:spen[dt]|spending|paid|pay|blow|blew|blown|drop|dropped|expenses|expenditures?|"
                            r"how much|outlays?|cost)(?: (?:so far|in total|altogether|overall|total|money|cash))? on "
                            r"(?:(?:the|my|our|a|an|all|all the|all my|his|her|their) )?(?P<place>" + PLACE + r")",
                            re.IGNORECASE)
NOT_AN_ITEM = frozenset({"lately", "recently", "average", "avg", "everything", "anything", "something", "stuff",
                         "things", "it", "that",
                         "this", "them", "these", "those", "myself", "me", "us", "him", "her", "each", "every",
                         "other", "others", "credit", "debit", "account", "accounts", "cards", "card", "purchases",
                         "transactions", "time", "weekend", "weekends", "weekdays", "day", "days", "night", "morning",
                         "evening", "what", "which", "in", "total", "a", "the", "paying", "buying", "getting",
                         "spending", "daily", "weekly", "monthly", "yearly", "cash", "bkash", "nagad", "rocket",
                         "paypal", "venmo", "zelle", "both", "different", "various", "categories", "category", "usd",
                         "taka", "tk", "bdt", "dollars", "hundred", "thousand", "lakh", "only", "just",
                         "eleven", "twelve", "fifty", "thirty", "forty",
                         *[day + "s" for day in WEEKDAYS]})
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "fifteen": 15, "twenty": 20}
# "car stuff", "pet supplies": the first word names the thing; "takeout going up", "travel already": so does it
ITEM_HEADS = frozenset({"stuff", "things", "supplies", "bills", "products", "items", "expenses", "costs", "services",
                        "purchases", "shopping", "already", "compare", "due", "up", "top", "so", "too", "much", "vs",
                        "versus", "or", "per", "monthly", "weekly", "yearly", "excessive", "please", "pls", "plz",
                        "between", "past", "yet", "lately", "recently", *NUMBER_WORDS})
MAX_ITEM = 60  # longer is no thing's name ("That search is too long" would answer a question that asked none)
SEARCH_RE = gated(r"\b(?:at|from|on) (?:the )?(?P<place>[A-Z][\w&'.-]*(?: (?!" + DAY_OR_MONTH + r"\b)"
                  r"[A-Z][\w&'.-]*)?)")
NOT_A_PLACE = frozenset({"my", "the", "last", "this", "that", "all", "yesterday", "today", "week", "month", "year",
                         "card", "visa", "mastercard", "a", "an", "of", "budget", "budgets"})
# Keywords of a category that are one business's name: "what did i spend at daraz" narrows to daraz, not shopping
BRANDS = frozenset({"amazon", "daraz", "uber", "pathao", "foodpanda", "netflix", "spotify", "desco", "dpdc", "doordash",
                    "grubhub", "lyft", "airbnb", "uber eats", "starbucks"})
GENERIC_PLACE_RE = gated(r"\s+(?:store|shop|market|supermarket|station|place|counter|stand)s?$", re.IGNORECASE)


def place_words(found: re.Match[str], categories: Categoriser) -> str | None:
    """The place a list narrows to, or None when the words name no place ("my card") or a category ("groceries")."""
    words = [w for w in found["place"].split() if w.lower() not in NOT_A_PLACE]
    named = " ".join(words)
    kind = GENERIC_PLACE_RE.sub("", named)  # "the grocery store" is groceries; "Pizza Hut" is a shop
    if named.lower() in BRANDS:
        return named
    return named if words and not categories.exact(named) and not (kind and categories.exact(kind)) else None


def store_figure(body: str, categories: Categoriser) -> str | None:
    """The shop a figure is asked for ("how much did i spend at Costco"), or None (no shop, or a category)."""
    found = STORE_FIGURE_RE.search(body)
    return place_words(found, categories) if found is not None else None


def item_figure(body: str, now: datetime, tz: str, categories: Categoriser) -> str | None:
    """The thing a figure is asked for ("how much did i spend on tires"), or None: no thing, a category, a card, a
    period ("on monday", "on may 5") or a word that narrows nothing ("on average", "on cash", "on five hundred")."""
    found = ITEM_FIGURE_RE.search(body)
    if found is None or CARD_NAMED_RE.search(found[0].lower()) or (item := place_words(found, categories)) is None:
        return None
    first, _, second = item.partition(" ")
    if second and (second.lower() in ITEM_HEADS or second.lower().endswith(("ing", "ly"))
                   or find_period(second, now, tz) is not None):  # "car stuff", "tires please", "diapers march"
        item, second = first, ""
    if first.lower() in NOT_AN_ITEM or first.lower() in NUMBER_WORDS or len(item) > MAX_ITEM \
            or find_period("on " + item, now, tz) is not None or (not second and categories.exact(first)):
        return None
    return item
