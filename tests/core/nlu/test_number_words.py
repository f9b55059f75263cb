"""Bengali and Bengali-English number words read as digits, and words that only look like them left alone."""
from __future__ import annotations

import pytest

from core.nlu.number_words import in_digits


@pytest.mark.parametrize(("text", "read"), [
    ("sare tin hajar dilam driver ke", "3500 dilam driver ke"),
    ("dedh hajar taka dilam umpire ke", "1500 taka dilam umpire ke"),
    ("tin hajar charsho pochish taka electricity bill dilam", "3425 taka electricity bill dilam"),
    ("ek lakh pochish hajar taka pelam", "125000 taka pelam"),
    ("pone dui hajar", "1750"),
    ("dedhsho taka", "150 taka"),
    ("sare tinsho", "350"),
    ("dui sho taka", "200 taka"),
    ("pach taka dilam", "5 taka dilam"),  # a number alone before "taka" is money
    ("1 lakh bish hajar dilam", "1 lakh 20000 dilam"),  # the digits keep their lakh; the money rules add the two
    ("2 hajar pachsho dilam", "2 hajar 500 dilam"),
    ("আজ বাজারে আড়াই হাজার টাকা খরচ হলো", "আজ বাজারে 2500 টাকা খরচ হলো"),
    ("একশ বিশ টাকা চা নাস্তায় গেল", "120 টাকা চা নাস্তায় গেল"),
    ("মাছ কিনলাম এক হাজার দুইশ টাকার", "মাছ কিনলাম 1200 টাকার"),
    ("সাড়ে তিন হাজার টাকা", "3500 টাকা"),
    ("5 হাজার টাকা দিলাম", "5  hajar  টাকা দিলাম"),  # a scale after digits, in the words the money rules read
    # a number right after a scale ends the run unless a hundred or a scale follows it
    ("eta dui hajar noy, tin hajar", "eta 2000 noy, 3000"), ("দুই হাজার নয়, তিন হাজার দিলাম", "2000 নয়, 3000 দিলাম"),
    ("spent dui hajar at the pharmacy", "spent 2000 at the pharmacy"),
    ("tin hajar ek din age dilam", "3000 ek din age dilam"),
    ("amar share dui hajar dilam", "amar share 2000 dilam"),  # "share" is no half
    ("dui hajar paach taka dilam", "2005 taka dilam"),  # … but a number with "taka" after it is the amount's
    ("ek lakh bish taka pelam", "100020 taka pelam"),
])
def test_number_words_are_written_as_digits(text: str, read: str) -> None:
    assert in_digits(text) == read


@pytest.mark.parametrize("text", [
    "sare char ta e ashbo",  # half past four: a time
    "sare dosh ta bajey",
    "ek kaj koro",  # "one", no amount
    "tin jon ashbe",  # a count
    "meet at 5 tk?",  # English "at" is no eight
    "at least 5 tk",
    "tin char din lagbe",  # "three or four": no one number
    "ek hajar dui hajar",  # two amounts, not 3000
    "ek sho dui sho",
    "5 hajar 500 dilam",  # digits: the money rules' own
    "the sat exam costs 50 taka",
    "সিনেমার শো টিকিট ৫০০ টাকা দিলাম", "cinema r sho te 500 taka dilam",  # a show, not a hundred
    "ſare tın taka", "TİN sho",  # letters that only fold to ours are none of ours (and no crash)
])
def test_words_that_say_no_one_amount_are_left_as_they_are(text: str) -> None:
    assert in_digits(text) == text
