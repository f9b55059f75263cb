"""Category guessing from keywords; a deployment extends the map with CATEGORY_KEYWORDS."""
from __future__ import annotations

import re

WORD_RUN_RE = re.compile(r"\w+")
PLAIN_KEYWORD_RE = re.compile(r"[a-z]+(?: [a-z]+)*")

DEFAULT_KEYWORDS: dict[str, list[str]] = {
    "food": ["lunch", "dinner", "breakfast", "pizza", "burger", "restaurant", "coffee", "tea", "snack", "snacks",
             "meal", "food", "biryani", "kacchi", "cafe", "brunch", "drinks", "beer", "dessert", "iftar",
             "cha", "nasta", "khabar", "eating out", "dining out", "takeout", "takeaway",
             "doordash", "grubhub", "uber eats", "foodpanda", "alcohol", "booze", "wine", "liquor", "pub",
             "bakery", "fast food"],
    "groceries": ["grocery", "groceries", "vegetables", "veggies", "fish", "rice", "supermarket", "meat",
                  "milk", "eggs", "bazar", "bazaar", "bajar", "fruit", "fruits", "chicken",
                  # a kitchen's staples bought raw, no dish's name: rice, soybean oil, onions (not "dal", "alu",
                  # "dim", "murgi", "mach", "sobji", "atta", "moshla": "dal puri", "atta ruti", "moshla cha")
                  "chaul", "soybean", "piyaj", "peyaj", "piaj"],
    "transport": ["taxi", "uber", "pathao", "rickshaw", "cng", "bus", "train", "fuel", "petrol", "diesel",
                  "metro", "fare", "parking", "toll", "cab", "lyft", "gas station", "octane", "gasoline",
                  "transportation", "rideshare", "commute"],
    "utilities": ["electricity", "electric", "gas bill", "water bill", "internet", "wifi", "broadband",
                  "phone bill", "mobile bill", "recharge", "utility", "utilities", "desco", "dpdc", "cylinder", "lpg",
                  "current bill", "bidyut bill", "biddut bill", "net bill", "wasa"],  # "current" is electricity
    "rent": ["rent", "landlord", "lease"],
    "shopping": ["clothes", "shoes", "shirt", "amazon", "daraz", "shopping", "gift", "gifts", "electronics",
                 "furniture", "apparel", "clothing", "sneakers", "makeup", "cosmetics", "toys"],
    "health": ["doctor", "medicine", "medicines", "pharmacy", "hospital", "clinic", "dentist", "gym", "medical",
               "healthcare", "dental", "prescription", "oxygen"],
    "entertainment": ["movie", "movies", "cinema", "netflix", "concert", "game", "games", "spotify", "party",
                      "streaming", "gaming"],
    "travel": ["hotel", "flight", "flights", "airbnb", "trip", "visa", "resort", "tour", "vacation", "airfare",
               "airline"],
    "education": ["book", "books", "course", "tuition", "school", "college", "exam", "fees", "textbook"],
    "salary": ["salary", "paycheck", "payroll", "wages", "bonus"],
    "refund": ["refund", "cashback", "reimbursement"],
}


class Categoriser:
    def __init__(self, extra: dict[str, list[str]] | None = None) -> None:
        merged = {cat: list(words) for cat, words in DEFAULT_KEYWORDS.items()}
        for cat, words in (extra or {}).items():
            merged.setdefault(cat.lower(), []).extend(w.lower() for w in words)
        self.categories = sorted(merged)
        # one alternation for every keyword: a single scan per message, earliest keyword wins
        self._category_of = {word: cat for cat, words in merged.items() for word in words}
        for cat in merged:  # "how much did i spend on entertainment": a category's own name is its keyword
            self._category_of.setdefault(cat, cat)
        for word, cat in list(self._category_of.items()):  # "restaurants", "lunches", "parties": a plural is its word's
            if word.isalpha() and not word.endswith("s"):
                self._category_of.setdefault(plural(word), cat)
        keywords = sorted(self._category_of, key=len, reverse=True)
        self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, keywords)) + r")\b")
        # Keywords of letters and single spaces match whole \w runs: a message none of whose runs starts one has
        # no keyword, which a set lookup tells faster than the pattern's scan.
        plain = all(PLAIN_KEYWORD_RE.fullmatch(word) for word in keywords)
        self._first_words = frozenset(word.split(" ", 1)[0] for word in keywords) if plain else None

    def guess(self, text: str, direction: str = "expense") -> str:
        lower = text.lower()
        if self._first_words is None or not self._first_words.isdisjoint(WORD_RUN_RE.findall(lower)):
            match = self._pattern.search(lower)
            if match is not None:
                return self._category_of[match.group()]
        return "income" if direction == "income" else "other"

    def exact(self, phrase: str) -> str | None:
        """The category a whole phrase is ("groceries", "restaurants"), not one it merely holds ("Pizza Hut")."""
        lower = " ".join(phrase.lower().split())
        return lower if lower in self.categories else self._category_of.get(lower)

    def known(self, word: str) -> str | None:
        lower = word.lower().strip()
        if lower in self.categories or lower in ("other", "income"):
            return lower
        match = self._pattern.search(lower)
        return self._category_of[match.group()] if match else None


def plural(word: str) -> str:
    """English plural of a keyword: lunch → lunches, party → parties, bus → buses, trip → trips."""
    if word.endswith(("ch", "sh", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
