"""Questions about money that are not about the sender's own records: advice, someone else's spending, a price in
general, and amounts that are not money ("how much time did i spend on my phone")."""
from __future__ import annotations

from core.nlu.gates import gated

# "report my lost card", "the weather report", "my spending limit", "when do i get paid": not about one's spending.
# Advice is no figure ("ways to cut spending on groceries"), nor a price in general ("how much does netflix cost").
ADVICE = (r"\b(?:ways|advice|ideas|recommend\w*|budget(?:ing)? apps?)\b|"
          r"\bshould (?:i|we) (?:be )?(?:spend(?:ing)?|buy|invest|save|put aside|put away|set aside)\b|"
          # a sum worked out from a rate imagined: "if i spend 20 a day how much is that a month"
          r"\bif (?:i|we) (?:spend|save|pay)\b[^?]{0,60}?\bhow much (?:is|would|will|does)\b"
          r"(?![^?]{0,40}?\b(?:left|remain\w*)\b)|"  # (not "… how much will be left in the budget": its status)
          r"\btips (?:on|for|to) (?:sav|budget|cut|spend(?:ing)? less|reduc|lower|stop)|"
          r"\bshould\b.*\bbudget\b|"
          r"\bhow (?:can|do|should|could) (?:i|we) (?:cut|reduce|lower|save|stop|spend less|curb|budget)\b|"
          # spending imagined, not recorded: "how much would i spend on a trip to bali", "… will i spend if i go …"
          r"\bhow much (?:money )?would (?:i|we) (?:spend|need|save)\b|"
          r"\bhow much (?:money )?will (?:i|we) (?:spend|need)\b.*\bif\b")
ADVICE_RE = gated(ADVICE)
# Someone else's spending ("my husband spends way too much on golf", "how much does my company spend")
OTHERS_SPENDING = (r"\b(?:he|she|husband|wife|partner|boyfriend|girlfriend|son|daughter|kids?|children|mom|mum|"
                   r"mother|dad|father|brother|sister|boss|company|employer|roommate|friend|government) "
                   r"(?:spends|keeps spending)\b|"
                   # (someone named so has no entries of their own here: a summary would answer with everyone's)
                   r"^how much (?:does|do|did) (?:my|our|the|his|her|their) (?!(?:family|household|home|house|car|"
                   r"bike|business|shop|store|office|firm|startup|bua|maid|motorbike|phone|dog|cat|flat|mess|apartment|team|"
                   r"group|club|trip)\b)(?:\w+ ){1,2}?spend\b")
# Not money ("my recent photos", "my shopping list"): no ledger read, unless spent on ("what did i spend on my photos")
NOT_MONEY_THINGS = (r"\b(?:photos?|pictures?|pics|videos?(?! games?)|calendar(?! (?:years?|months?|quarters?)\b)|"
                    r"meetings?|appointments?|alarms?|reminders?|songs?|playlists?|podcasts?|e-?mails?|text messages|"
                    r"contacts|tasks|to-?do list|"
                    r"steps|workouts?|weather|box office|presidents|recipes?|calories|time off|days off|"
                    r"(?:shopping|grocery|to buy|to-buy|wish) list|need to buy|"
                    r"(?:been|be|get|got) (?:delivered|shipped|dispatched|distributed))\b")
# Amounts that are not money ("how much time did i spend on my phone", "how much pto have i used", "what's my income
# tax"), which no shape of the question makes a ledger question; "how much income tax did i pay" still is one.
TO_BUY_LIST = r"(?:my |the )?(?:shopping|grocery|to buy|to-buy|wish) list\b"
NOT_MONEY = (r"\bkoto ?jon\b|"  # "biye te koto jon guest hobe": how many people
             r"\bhow much (?:did|do|have) (?:i|we) (?:sleep|slept)\b|"
             r"\bhow (?:much|many) (?:time|hours|minutes|calories|steps|data|storage|bandwidth)\b"
             r"(?!.*\b(?:pay|paid|cost|costs|bills?|taka|tk)\b)|"
             # "how much electricity spending this month" is money; "how much time did i spend" is not
             r"\bhow much (?:electricity|power|energy|water)\b(?!.*\b(?:pay|paid|cost|costs|bills?|taka|tk|spending|"
             r"spent|spend|expenses?|expenditure|khoroch)\b)|"
             r"\b(?:pto|paid time off|calories)\b|"
             r"\btaxed (?:on|at) my\b|"
             r"\b(?:vacation|sick|personal) days\b|\bhow much vacation (?:have|do|did) i\b|"
             r"\b(?:put|add|added|adding) (?:\w+ )?(?:on|to) " + TO_BUY_LIST + "|"
             r"\b(?:what(?:'s| is)|everything|items?|anything) (?:on|in) " + TO_BUY_LIST + r"|\bneed to buy\b|"
             r"\b(?:(?:what(?:'s| is)|how much is|tell me) my|my(?<=^my)) (?:income|state|federal) tax\b|"
             r"\btax (?:bracket|rate|deductions?)\b|\btax(?:es)? (?:on|from) my (?:income|earnings|salary|paycheck)\b|"
             r"\bfrom my (?:income|earnings|salary|paycheck) (?:in|for) tax(?:es)?\b|"
             r"\b(?:state|federal) taxes (?:cost|add up|will)\b|\bwill my (?:state |federal )?taxes\b|"
             r"\bowe\b.*\btax(?:es)?\b|\btax(?:es)?\b.*\bowe\b")  # taxes owed are no debt between people
NOT_MONEY_THINGS_RE = gated(NOT_MONEY_THINGS)
GENERAL_PRICE = (r"^how much (?:is|are) (?!(?:i|we|my|our)\b)[^?]*\b(?:usually|typically|normally|on average|"
                 r"in general)\b|^how much (?:money )?(?:does|do|would|will|should) (?!(?:i|we|my|our)\b)"
                 r"(?!.*\b(?:i|me|my|we|our|us)\b)|^how much (?:is|are) (?:an?|one) ")  # "… rent in toronto usually"
# a desk's takings asked ("aj counter e koto jama holo?"): the office's money, not the sender's
DESK_TAKINGS = r"\bcounter ?e\b[^?]{0,40}?\b(?:jama|joma|collection) (?:holo|hoise|hoyeche|hoilo|hocche)\b"
NOT_OWN_RECORDS_RE = gated(ADVICE + "|" + OTHERS_SPENDING + "|" + GENERAL_PRICE + "|" + NOT_MONEY + "|" + DESK_TAKINGS)
