"""Ops talk: short and bulk alert commands, batch codes, topics added here, how-to, NOCS areas and their customers."""
from __future__ import annotations

import re
from collections.abc import Set

from core.intents import BUILT_IN_TOPICS, Intent
from core.nlu.gates import gated, words_of
from core.nlu.lookups import CUSTOMER_NUMBER_RE, SEVEN_DIGITS_RE, someone_elses_number
from core.nlu.money import CURRENCY_WORD_RE, DIGIT_RE
from core.nlu.numbers import DONE_WORDS

TOPIC_NAMES = "|".join(BUILT_IN_TOPICS)
# the built-in topics a chat subscribes to, each a word ("budget alerts chai", "when batches get stuck"; not the
# "system" of "ecosystem")
TOPIC_WORD_RE = re.compile(r"\b(" + TOPIC_NAMES + r")(?:e?s)?\b")
# Alerts that are a bank's, a card's or a shop's, not ours ("fraud alert on my card", "travel alert ache?")
OTHERS_ALERTS_RE = gated(r"\b(?:fraud|travel|price|bank|card|account|sms|bkash|nagad|stock|bitcoin|weather|"
                              r"flood|storm)\b")
# … and a phone's apps ("mute whatsapp alerts till 9")
APPS = frozenset({"whatsapp", "facebook", "fb", "messenger", "instagram", "gmail", "email", "mail", "phone",
                  "calendar", "news", "youtube", "twitter", "app"})
EXCEPT_RE = re.compile(r"\b(?:except|besides|chara|baade)\b|other than")
# … and the words that narrow "all" in ways the handler cannot ("ack all but rcdc alerts", "mute all rcdc only")
NARROWED_RE = re.compile(r"\b(?:bade|excluding|but|not|only|na)\b")

# what the alert replied to is about, named instead of its number ("acknowledge the db alert"): a system's or a
# job's name (not "the fraud alert", "the battery alert", "the other alert", "the pending alert")
SYSTEM_NAMES = TOPIC_NAMES + ("|db|database|disk|server|cpu|memory|billing|payment|queue|network|api|backup|vending|"
                              "prepaid|meter|job|cron|latest")
# acknowledge as typed at night ("aknowledge 31", "acknowlege"), and its past ("mark 56 acked")
ACK = r"ack(?:ed|d|ing)?|a(?:ck|k|c)now?le?d?ge?d?|a(?:ck|k|c)now?le?dging"
VERB = r"(?P<verb>" + ACK + r"|resolved?|resolving|close|closing|snooze|snoozing)"
# … and after an alert's number, muted or closed the Bengali way too ("140 mute koro", "৭৫ নম্বর অ্যালার্ট বন্ধ করো")
NUMBERED_VERBS = ACK + r"|resolved?|resolving|close|closing|snooze|snoozing|mute|bondho"
# an alert's number, then what is done to it, however the message goes on
VERB_AFTER_NUMBER_RE = re.compile(r"^(?:(?:alert|alarm) )?#?\d{1,6}(?: (?:no|nong|number|nombor))?(?: (?:alert|alarm)"
                                  r"(?: ta)?)? (?:" + NUMBERED_VERBS + r")\b")
# a word after a command that takes it back or asks: "…, na thak", "…, not fixed yet", "…, naki aro wait korbo?"
TAKEN_BACK = r"\b(?:na|no|not|nai|thak|wait|cancel|don'?t|dont|naki|kina|yet|dorkar)\b|\?"
TAKEN_BACK_RE = re.compile(TAKEN_BACK)
NOT_TAKEN_BACK = r"(?!.*(?:" + TAKEN_BACK + r"))"
NUMBERED_VERB = r"(?P<verb>" + NUMBERED_VERBS + r")"
# Bengali-English "do it", after the verb ("snooze rakho": keep it snoozed)
DO_IT = r"(?: (?:koro|kore dao|kore den|koren|korun|kore din|kor|rakho|kore rakho|rakhen))?"
# "eta ack koro", "ack kore dao", "resolve it": the alert replied to; "aknowledge 31": the one numbered
SHORT_RE = gated(r"^(?:(?:eta|ota|এটা|ei|oi|this|that)(?: (?:alert|alarm))?(?: ta)? |(?:alert|alarm) ta )?" + VERB
                      + r"(?: (?:it|this|that|eta|ota|ta|this one|that one|this alert|the alert|"
                        r"(?:the|this|that) (?:" + SYSTEM_NAMES + r") alert))?"
                        r"(?: #?(?P<alert>\d{1,12}))?" + DO_IT + r"(?: (?:bhai|vai|bro))?\s*[.!]*$")
# "mark 56 resolved", "mark alert 56 as acked", "mark it as resolved"
MARK_RE = gated(r"^mark (?:(?:it|this|that|this one|the alert|this alert|alert|alarm) )?(?:#?(?P<alert>\d{1,12}) )?"
                     r"(?:as )?(?P<verb>resolved|closed|acked|ackd|a(?:ck|k|c)now?le?d?ged)\s*[.!]*$")
UNIT_MINUTES = {"m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "minit": 1, "মিনিট": 1, "h": 60, "hr": 60,
                "hrs": 60, "hour": 60, "hours": 60, "ghonta": 60, "ghontar": 60, "ghanta": 60, "ঘন্টা": 60, "ঘণ্টা": 60,
                "d": 1440, "day": 1440, "days": 1440}
# the end of a snooze said as a time, not a length ("till 9", "until 7am", "for tonight", "kal sokal porjonto")
UNTIL = (r"(?:till|until|untill|til|upto|up to) (?:the )?(?:morning|tomorrow(?: morning)?|tonight|midnight|noon|"
         r"evening|night|eod|end of (?:the )?(?:shift|day)|shift end|(?:kal )?(?:sokal|shokal)|"
         r"\d{1,2}(?:[:.]\d\d)?(?: ?(?:am|pm))?(?: tomorrow(?: morning)?)?)|"
         r"for (?:tonight|the night|the rest of the (?:night|shift|day))|overnight|tonight|"
         r"(?:kal )?(?:sokal|shokal|rat|raat|\d{1,2} ?(?:ta|tay)) (?:porjonto|obdi)")
# the number first, as Bengali-English puts it: "31 ack koro", "67 snooze koro 2 ghonta", "alert 56 resolve kore dao"
NUMBER_FIRST_RE = re.compile(r"^(?:(?:alert|alarm) (?:(?:no|nong|number|nombor)\.? )?)?#?(?P<alert>\d{1,12})"
                             r"(?: (?:no|nong|number|nombor))?(?: (?:alert|alarm)(?: ta)?)?(?: ke)?"
                             # "alert 27 ke kal sokal porjonto snooze rakho": how long, before the verb
                             r"(?: (?P<until_first>" + UNTIL + r"))? "
                             + NUMBERED_VERB + DO_IT +
                             r"(?: (?:hoyeche|hoise|hoyse|hoye geche|hoye gese))?" +  # "alert 75 resolve hoyeche"
                             r"(?: (?:for )?(?P<amount>\d{1,4}) ?(?P<unit>" + "|".join(UNIT_MINUTES) + r")"
                             r"(?: er jonno| jonno)?| (?P<until>" + UNTIL + r"))?(?: (?:bhai|vai))?"
                             # a word on why, with no number in it: "119 close koro, fixed", "88 resolved, db back"
                             # (not one taking it back: "27 close kore dao, na thak", "…, wait", "…, not yet")
                             r"(?:\s*[,;:–-]\s*" + NOT_TAKEN_BACK + r"[^\d,;]{1,60})?\s*[.!]*$")
# words of an "all …" scope that name neither a topic nor a severity
SCOPE_FILLER = frozenset({"the", "my", "our", "these", "those", "open", "current", "active", "live", "pending",
                          "remaining", "level", "of", "recovered", "unacked", "that", "sob", "shob", "all", "er"})
SEVERITY_WORDS = {"critical": "critical", "crit": "critical", "warning": "warning", "warn": "warning",
                  "info": "info"}
UNTIL_RE = re.compile(r"\b(?:" + UNTIL + r")")
# a snooze's length: "2 hours", "1.5 hours", "an hour", "30 min", "2 ghonta"
DURATION = (r"(?<![\d.,])(?P<amount>\d{1,4}(?:\.\d{1,2})?|\b(?:half an?|half|an?|one|two|three|four|five|six|ek|dui|"
            r"tin)\b)\s*"
            r"(?P<unit>m|min|mins|minutes?|minit|h|hr|hrs|hours?|ghontar?|d|days?|w|wk|wks|weeks?)\b(?![.,]\d)")
LENGTH_COUNTS = {"half": 0.5, "half a": 0.5, "half an": 0.5, "a": 1, "an": 1, "one": 1, "ek": 1, "two": 2, "dui": 2,
                 "three": 3, "tin": 3, "four": 4, "five": 5, "six": 6}
UNIT_LETTER_MINUTES = {"m": 1, "h": 60, "d": 1440, "w": 10080}
# a request's end, with thanks or a please after it ("ack all alerts, thanks")
THANKS_END = r"(?:[,;]?\s*(?:thanks?|thank you|thx|ty|pls|please|plz)\b)?[\s.!]*$"
SNOOZES = frozenset({"snooze", "snoozing", "mute", "muting", "silence", "pause"})
# "resolve all batch alerts", "resolve all the recovered ones", "ack all", "snooze everything till morning"
BULK_VERB = ACK + r"|resolve|close|snooze|mute|silence|pause"
EVERY_RE = gated(r"^(?P<verb>" + BULK_VERB + r") (?:all|everything|sob|shob)"
                      r"(?: of)?(?:(?P<scope>(?: [a-z][\w-]*){0,3}?) (?:alerts|ones)| them)?"
                      r"(?: (?P<until>" + UNTIL + r")| (?:for )?" + DURATION + r")?" + THANKS_END)
# … as Bengali-English says it, the verb last: "sob rcdc alert acknowledge koro", "shob alert gula resolve kore dao"
EVERY_LAST_RE = re.compile(r"^(?:sob|shob)(?P<scope>(?: [a-z][\w-]*){0,3}?) (?:alerts?|alarms?)(?: (?:gula|gulo|ta))? "
                           r"(?P<verb>" + ACK + r"|resolve|close)" + DO_IT + THANKS_END)
# … or its kind first and "all" after: "nocs alert gula resolve kore dao shob", "batch er alert gula ack kore dao"
KIND_ALL_RE = re.compile(r"^(?P<scope>(?:" + TOPIC_NAMES + r")(?: er)? )(?:alerts?|alarms?) (?:gula|gulo|sob|shob) "
                         r"(?P<verb>" + ACK + r"|resolve|close)" + DO_IT + r"(?: (?:sob|shob))?" + THANKS_END)
# … said with more after a comma or a "but" ("ack all, not rcdc", "mute batch alerts till 9, except rcdc"): not all
EVERY_SAID_RE = gated(r"^(?:" + BULK_VERB + r") (?:(?:all|everything|sob|shob)\b|"
                           r"(?:[a-z][\w-]* ){0,3}?alerts (?:" + UNTIL + r"))[^,;]*"
                           r"(?:[,;]\s*(?!(?:thanks?|thank you|thx|ty|pls|please|plz)\b)\w| but |"
                           r"\b(?:except|excluding|besides|only|chara|bade|baade)\b)")
# "mute payments alerts till 9", "mute warning level batch alerts until 7am": a kind of alert, to a time
KIND_UNTIL_RE = gated(r"^(?P<verb>snooze|mute|silence|pause) (?P<scope>(?:[a-z][\w-]* ){0,3}?)alerts "
                           r"(?:(?P<until>" + UNTIL + r")|(?:for )?" + DURATION + r")" + THANKS_END)

# a CC&B batch control code: BMHHS, BMUPLD, C1-BLPRD, F1-SYNRQ
# (typed in lower case only the c1-/f1- ones, an abbreviation with one vowel at most: "c1-blprd", not "f1-visa")
# (and the billing batches' codes staff say without their "C1-", in any case: "BLPRD kotodur?", "blprd finished?")
BARE_CODES = frozenset({"blprd", "billg", "payup", "pyupl", "synrq"})
BATCH_CODE_RE = re.compile(r"(?<![\w-])(?:BM[A-Z]{2,6}|[CF]1-?[A-Z]{2,6}|"
                           r"[cf]1-(?![a-z]*[aeiou][a-z]*[aeiou])[a-z]{2,6}|"
                           r"(?i:" + "|".join(sorted(BARE_CODES)) + r"))(?![\w-])")
# what is asked of a batch's run ("why is BMUPLD so slow", "BMUPLD progress koto", "records barche na keno BMHHS e")
RUN_STATE_WORDS = frozenset({"slow", "slower", "progress", "status", "stuck", "running", "run", "going", "done",
                             "finished", "finish", "complete", "completed", "fail", "failed", "failing", "error",
                             "errors", "late", "delayed", "hung", "pending", "records", "atke", "atkay", "atkaise",
                             "cholche", "choltese", "barche", "bartese", "sesh", "shesh", "started", "stopped",
                             "far", "dur", "kotodur", "percent", "ekhono", "obostha"})
# a job started by its batch code's verb: "restart BMHHS", "run BMUPLD again"
START_RE = gated(r"^(?:restart|run|start)\b")

# "kivabe ei group e alert subscribe korbo?": how to, not the command itself
HOW_TO_RE = gated(r"\b(?:kivabe|kibhabe|kibabe|kivave|kibhave|kemne|kemone|kemon kore|ki bhabe|ki vabe|how to|"
                       r"কিভাবে|কীভাবে)\b")
ALERT_WORDS = frozenset({"alert", "alerts", "notification", "notifications", "notify", "subscribe", "unsubscribe",
                         "unsub", "mute", "snooze", "ack", "acknowledge", "resolve"})
# "add nocs topic here", "pls push system alerts to this channel too"
HERE = (r"(?:here|ekhane|to (?:this|ei|our) (?:group|chat|channel|thread)|"
        r"(?:in|on) (?:this|ei|our) (?:group|chat|channel))")
TOPIC_HERE_RE = gated(r"\b(?:add|push|send|post|forward|route) (?:the |all (?:the )?)?(?:" + TOPIC_NAMES + r")"
                           r"(?: (?:topic|alerts?|notifications))? (?:also |too |as well )?" + HERE + r"\b")
ASKED_OR_PAST = frozenset({"did", "why", "who", "when", "keno", "kobe", "was", "were", "has", "have", "never"})
# a topic's people rather than its report: "the rcdc team is moving to floor 5", "the batch guys left early" (not
# a "nocs office": an area)
TEAM_RE = gated(r"\b(?:rcdc|nocs?|batch|billing|alerts?|ops|mdm|imd) (?:team|staff|guys|people|folks|crew|"
                     r"engineers?|manager)\b")
# a meeting about a topic, or the sender's own doing told, with nothing asked ("rcdc vendor er sathe meeting 4 tay",
# "nocs er invoice ta accounts e pathaisi")
STAFF_TOLD_RE = gated(r"\b(?:sathe|shathe|with)(?: \w+)? meeting\b(?!.*\b(?:dekhao|show|report|status)\b)|"
                      r"\bcomplaints? (?:aschhe|ashche|asche|asce|ashtese|ashse|aseche)\b|"
                      r"\bmeeting (?:at|ache|ase|hobe|korbo|\d)\b(?!.*\b(?:dekhao|show|report|status)\b)|"
                      r"\b(?:pathaisi|pathalam|pathiyechi|janaisi|janalam|bolsi|bollam|forward (?:korsi|korlam|"
                      r"dilam|disi))\s*[.!]*$")
# … or what may happen, what the sender will do, what colleagues should, with nothing asked of the bot: "tokhon batch
# slow hote pare", "BMHHS fail korle amake call dio", "report ta … sir ke mail korbo", "sobai ready thaken", "pore
# kotha boli", "accounts er sathe boste hobe", "field team ke 150 kore bhag kore dao" (not "nocs balance dekhao, pore
# kotha boli", "batch kokhon sesh hote pare")
STAFF_PLANS_RE = gated(r"\b(?:hote|hoite|jete) pare\b|\b(?:korle|hole) (?:amake|amare) (?:call|phone|janio|janaben)\b|"
                       r"\b(?:mail|email|send) korbo\b|\b(?:ready|redi) thak(?:en|o|ben)\b|\bpore kotha\b|"
                       r"\b(?:sathe|shathe) (?:boste|bosh?te) hobe\b|\b(?:hisab|hishab) milche na\b|"
                       r"\bbhag kore (?:dao|din|den)\b|\b(?:finish|sesh|shesh) korbo\b")
BOT_ASKED_RE = re.compile(r"\b(?:dekhao|show|status|koto|kokhon|kobe|keno|kivabe)\b|\?")
ASKED_LAST_WORDS = frozenset({"naki", "kina"})
# what the sender will send or tell someone: "sir, summary ta kal sokale pathabo", "check kore janabo" (not "summary
# ta pathao": asked of the bot)
SENDER_WILL_SEND_RE = gated(r"\b(?:pathabo|pathiye dibo|pathaye dibo|janabo|share korbo|send korbo|(?:e-?)?mail korbo|"
                            r"forward korbo)\b")
WILL_SEND_WORDS = frozenset({"pathabo", "dibo", "janabo", "korbo"})
UNACKED_RE = gated(r"\b(?:unacked|unackd|un-acked|unacknowledged|unack)\b")
CUSTOMER_ID_MIN = 8  # digits: a 7-digit number beside a NOCS is a count ("1500000 customers")
# "refresh nocs cache now", "nocs cache ta refresh kore dao": the topic's job run (its figures are old)
REFRESH_RE = gated(r"^(?:refresh|reload|recompute|rebuild) (?:the )?(?P<topic>nocs|batch|rcdc)(?: balances?)? "
                        r"(?:cache|data|numbers|figures|snapshot|now|right now)\b|"
                        # "nocs balance ekhon refresh kore dao"
                        r"^(?:ei |oi )?(?P<topic2>nocs|batch|rcdc)(?: balances?)?(?: (?:cache|data))?(?: ta)?"
                        r"(?: ekhon| ekhuni| abar)? "
                        r"(?:refresh|reload) (?:koro|kore dao|koren|korun|kore den)\b")


def minutes_of(amount: str, unit: str) -> int:
    """A snooze's length in minutes, of its count ("2", "1.5", "an", "half an") and unit as typed."""
    count = LENGTH_COUNTS.get(amount) or float(amount)
    return max(1, round(count * (60 if unit.startswith("gh") else UNIT_LETTER_MINUTES.get(unit[0], 1))))


# "এনওসিএস অ্যালার্ট এখানে পাঠাও", "system alert gula ekhane ashuk": a topic asked for here, the Bengali way
_HERE_SAID = r"(?:ekhane|ei group e|ei chat e)"
_TOPIC_SAID = r"(?:" + TOPIC_NAMES + r")(?: alerts?)?(?: gula| gulo)?"
TOPIC_HERE_LAST_RE = gated(r"(?:\b" + _TOPIC_SAID + " " + _HERE_SAID + r"|\b" + _HERE_SAID + " " + _TOPIC_SAID + r") "
                           r"(?:pathau|pathao|pathan|pathaben|dao|den|ashuk|chai)\b(?! na\b)(?!.*\?)")


def verb_of(said: str) -> str:
    """"ack", "resolve" or "snooze", of a verb as typed ("aknowledged", "closed", "mute")."""
    if said.startswith("a"):
        return "ack"
    return "snooze" if said in SNOOZES else "resolve"


def short_update(lower: str) -> Intent | None:
    """An alert acted on in a few words: "eta ack koro", "resolve it", "mark 56 resolved", "67 snooze koro 2 ghonta",
    "aknowledge 31"; else None."""
    said = SHORT_RE.match(lower) or MARK_RE.match(lower)
    if said is None and (lower[:1].isdigit() or lower.startswith(("#", "alert ", "alarm "))):
        said = NUMBER_FIRST_RE.match(lower)
        if said is None and VERB_AFTER_NUMBER_RE.match(lower) and TAKEN_BACK_RE.search(lower):
            return Intent("unknown", 0.3)  # "31 close, not fixed yet", "45 ack, keu dekhse?": an alert, not money
    if said is None:
        return None
    verb = verb_of(said["verb"])
    entities: dict[str, object] = {"verb": verb}
    if said["alert"]:
        entities["alert"] = int(said["alert"])
    until = said.groupdict().get("until") or said.groupdict().get("until_first")
    if (amount := said.groupdict().get("amount")) is not None or until is not None:
        if verb != "snooze":
            return Intent("unknown", 0.3)  # "31 ack koro 2 ghonta": a length only a snooze has (and no amount)
        if amount is not None:
            entities["minutes"] = int(amount) * UNIT_MINUTES[said["unit"]]
        else:
            entities["until"] = until  # "44 snooze koro 9 ta porjonto"
    return Intent("alert_update", 0.9, entities)


def many_alerts(lower: str) -> Intent | None:
    """Every alert, or every one of a kind, acknowledged, resolved or snoozed to a time or for a while ("resolve all
    batch alerts", "snooze everything till morning", "mute rcdc timeout alerts for tonight": the rcdc ones about a
    timeout, "mute critical alerts for 2 hours");
    "unknown" when asked, with an exception, a clause after it or someone else's; else None. A snooze to a time keeps
    the time as said (`until`): the handler knows the clock."""
    every = EVERY_RE.match(lower) or EVERY_LAST_RE.match(lower) or KIND_ALL_RE.match(lower)
    matched = every or KIND_UNTIL_RE.match(lower)
    if matched is None:
        return Intent("unknown", 0.3) if EVERY_SAID_RE.match(lower) else None
    said = matched.groupdict()
    verb = verb_of(said["verb"])
    if (verb == "snooze") != (said.get("until") is not None or said.get("unit") is not None):
        return None  # "mute all alerts" stops them (no time); "resolve all alerts till 9" is no command
    words = (said["scope"] or "").split()
    if "?" in lower or EXCEPT_RE.search(lower) or NARROWED_RE.search(lower) or not APPS.isdisjoint(words) \
            or OTHERS_ALERTS_RE.search(said["scope"] or ""):
        return Intent("unknown", 0.3)  # "ack all but rcdc", "mute whatsapp alerts till 9": a phone's
    entities: dict[str, object] = {"verb": verb, "all": True}
    if (severity := next((SEVERITY_WORDS[word] for word in words if word in SEVERITY_WORDS), None)) is not None:
        entities["severity"] = severity  # "mute warning level batch alerts": not the critical ones
    topic_of = {word: found.group(1) for word in words if (found := TOPIC_WORD_RE.fullmatch(word)) is not None}
    if len(topic_of) > 1:
        return Intent("unknown", 0.3)  # "ack all batch and rcdc alerts": said twice, the handler acts on one topic
    if topic_of:
        entities["topic"] = next(iter(topic_of.values()))
    # words naming neither a topic nor a severity: only alerts that say them ("rcdc timeout", "payments")
    if matching := [word for word in words if word not in SCOPE_FILLER and word not in SEVERITY_WORDS
                    and word not in topic_of]:
        entities["matching"] = " ".join(matching)
    if said.get("until") is not None:
        entities["until"] = said["until"]  # the handler tells the time it ends ("till 9": the next 9 o'clock)
    elif said.get("unit") is not None:
        entities["minutes"] = minutes_of(said["amount"], said["unit"])
    if "recovered" in words:
        entities["recovered"] = True  # "resolve all the recovered ones": monitoring resolved them already
    if every is None and len(entities) == 3:  # "mute alerts till 9": which? (not every one, everywhere)
        del entities["all"]
    return Intent("alert_update", 0.85, entities)


def batch_code(body: str, lower: str) -> str | None:
    """The CC&B batch code a message names, as typed ("BMHHS"), or None; `lower` is `body` in lower case."""
    if "BM" not in body and "C1" not in body and "F1" not in body and "c1-" not in body and "f1-" not in body \
            and BARE_CODES.isdisjoint(words_of(lower)):  # (the words the gates already read)
        return None
    found = BATCH_CODE_RE.search(body)
    return found.group() if found else None


def asks_after_a_run(lower: str) -> bool:
    """A word of a batch run's state is in the message ("slow", "progress", "stuck", "barche")."""
    return not RUN_STATE_WORDS.isdisjoint(words_of(lower))


def starts_a_run(lower: str) -> bool:
    """The message starts with "run", "start" or "restart" (what RUN_SAID_RE leaves to a job's name)."""
    return START_RE.match(lower) is not None


def how_to(lower: str) -> bool:
    """How to subscribe to, mute or act on alerts, asked ("alert kivabe bondho korbo", "how to mute batch alerts")."""
    return HOW_TO_RE.search(lower) is not None and not ALERT_WORDS.isdisjoint(words_of(lower))


def topic_added_here(lower: str) -> re.Match[str] | None:
    """A topic asked for in this chat: "add nocs topic here", "push system alerts to this channel too"."""
    return TOPIC_HERE_RE.search(lower) or TOPIC_HERE_LAST_RE.search(lower)


def asked_or_past(lower: str) -> bool:
    """Asked about or told as done ("did you add nocs topic here?", "who sent system alerts here")."""
    return not ASKED_OR_PAST.isdisjoint(words_of(lower))


def team_talk(lower: str) -> bool:
    """A topic's team or staff talked about, not asked of ("the rcdc team is moving to floor 5 from monday")."""
    return "?" not in lower and TEAM_RE.search(lower) is not None


# money beside such talk: a currency, or a payment's own word ("prepaid meter e 1000 recharge pathalam"; not "batch 5 er
# file pathaisi")
MONEY_TOLD_RE = re.compile(r"\d.*\b(?:tk|taka|bdt|rs|dollars?|recharge|bill|fee|fees|payment|vara|bhara|rent)\b|"
                           r"\b(?:tk|taka|bdt|rs|recharge|bill|fee|fees|payment|vara|bhara|rent)\b.*\d|[৳$]|/-")


# an amount with its currency: money told, whatever the talk around it ("bill print er paper 800 tk, pore kotha boli")
CURRENCY_AMOUNT_RE = re.compile(r"\d[\d,.]*\s*(?:tk|taka|bdt|/-)|[৳$]\s*\d")


def staff_told(lower: str) -> str | None:
    """ "talk" for a meeting or what the sender did told, "paid" when money told paid beside it is for the record rules
    to read ("prepaid meter e 1000 recharge pathalam"), None when it is neither."""
    if "?" in lower or (STAFF_TOLD_RE.search(lower) is None and (
            STAFF_PLANS_RE.search(lower) is None or BOT_ASKED_RE.search(lower) is not None)):
        return None
    paid = MONEY_TOLD_RE.search(lower) is not None and (not DONE_WORDS.isdisjoint(words_of(lower))
                                                        or CURRENCY_AMOUNT_RE.search(lower) is not None)
    return "paid" if paid else "talk"


# a NOCS office's day told: "aj nocs e 312 ta recharge hoise", "Dhanmondi nocs balance top up done 5 lakh"
NOCS_DONE_RE = gated(r"\b(?:top ?up|topup|recharge|vending)\b[^?]*\b(?:done|hoise|hoyeche|holo)\b")
HOW_MUCH_RE = re.compile(r"\b(?:koto|kto|how much|how many)\b|\?")
# alerts the sender acted on, told as done: "ajke 17 ta alert close korsi, report pathacchi" (not asked of the bot),
# and money paid in a clause of its own beside it ("…, rickshaw 60 dilam")
ACTED_ON_TOLD_RE = gated(r"\b(?:close|ack|acknowledge|snooze|resolve|mute|bondho|bndho) (?:kore )?"
                         r"(?:korsi|korlam|korechi|kore disi|kore dilam|disi|dilam)\b")
CLAUSE_BREAK_RE = re.compile(r"[,;.!]")
PAID_CLAUSE_RE = re.compile(r"\b(?:dilam|disi|dichi|diyechi|pelam|paisi|kinlam|kinsi|paid|spent|bought|tk|taka)\b")


def nocs_day_told(lower: str) -> bool:
    """What a NOCS office did today, told, no figure asked."""
    return NOCS_DONE_RE.search(lower) is not None and HOW_MUCH_RE.search(lower) is None


def acted_on_told(lower: str) -> bool:
    """The sender tells alerts they acted on ("… close korsi"), asking nothing of the bot and telling no money paid
    ("… ack korsi, rickshaw 60 dilam" is a record)."""
    return ACTED_ON_TOLD_RE.search(lower) is not None and BOT_ASKED_RE.search(lower) is None \
        and not any(DIGIT_RE.search(clause) and PAID_CLAUSE_RE.search(clause) and not ACTED_ON_TOLD_RE.search(clause)
                    for clause in CLAUSE_BREAK_RE.split(lower))


def asked_of_bot(lower: str) -> bool:
    """Something asked of the bot: "dekhao", "status", "?", "… naki", "… kina"."""
    return BOT_ASKED_RE.search(lower) is not None or not ASKED_LAST_WORDS.isdisjoint(words_of(lower))


def sender_will_send(lower: str, words: Set[str]) -> bool:
    """The sender tells what they will send or tell someone, asking nothing of the bot; `words` are the \\w runs of
    `lower` (every match holds one of `WILL_SEND_WORDS`: most messages are let go by a set's look)."""
    return not words.isdisjoint(WILL_SEND_WORDS) and SENDER_WILL_SEND_RE.search(lower) is not None \
        and BOT_ASKED_RE.search(lower) is None


def unacked_asked(lower: str) -> bool:
    """The alerts nobody acknowledged asked for ("anything unacked?")."""
    return UNACKED_RE.search(lower) is not None


def refreshed_topic(lower: str) -> tuple[str, int] | None:
    """The topic whose figures are asked to be refreshed ("refresh nocs cache now"), and where that is said."""
    found = REFRESH_RE.search(lower)
    return (found["topic"] or found["topic2"], found.start()) if found else None


def customer_of_nocs(lower: str) -> Intent | None:
    """A customer asked about beside a NOCS ("3000918273 kon nocs er under e", "4001334455 er name address nocs ta
    den"): the lookup card names the customer, the address and the NOCS. Not a figure ("… 12500000 taka") nor a
    count."""
    if SEVEN_DIGITS_RE.search(lower) is None or (found := CUSTOMER_NUMBER_RE.search(lower)) is None \
            or len(found.group(1)) < CUSTOMER_ID_MIN or CURRENCY_WORD_RE.search(lower) \
            or someone_elses_number(lower, found.start(1)):
        return None
    return Intent("customer_lookup", 0.85, {"query": found.group(1), "by": "auto", "view": "summary"})


NOCS_AREA_AFTER_RE = gated(r"\b(?:for|of|in|at)\s+(?P<area>[^\W\d_][\w .'-]*?)(?:\s+nocs?)?\s*[?.!]*$",
                                re.IGNORECASE)
NOCS_AREA_BEFORE_RE = re.compile(r"(?P<area>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)\s+nocs?\b", re.IGNORECASE)
NOT_AREA = frozenset({"all", "every", "each", "the", "my", "our", "total", "overall", "show", "me", "get", "give",
                      "tell", "what", "whats", "what's", "is", "current", "latest", "today", "now", "please",
                      "summary", "by", "wise", "balance", "balances", "due", "credit", "area", "office", "zone",
                      "did", "does", "was", "why", "when", "has", "run", "rerun", "refresh", "off", "trigger",
                      "kick", "check", "again", "ke", "e", "te", "er", "ei", "oi", "amader", "group", "chat", "sir",
                      "ashben", "jaben", "jabo", "inspection", "jonno", "amake",
                      "amare"})  # not "group ke nocs …", "… ashben NOCS e"


def nocs_area(text: str) -> str | None:
    """The NOCS area a message names: "nocs balance for Mirpur", "balance of mirpur nocs", "Mirpur NOCS"."""
    found = NOCS_AREA_AFTER_RE.search(text) or NOCS_AREA_BEFORE_RE.search(text)
    words = found["area"].split() if found else []
    while words and words[0].casefold() in NOT_AREA:
        words.pop(0)
    while words and words[-1].casefold() in NOT_AREA:
        words.pop()
    return " ".join(words) or None


def talk_unless_paid(lower: str) -> Intent | None:
    """None (the record rules read it) when money is told paid or received, else talk no model second-guesses."""
    return None if not DONE_WORDS.isdisjoint(words_of(lower)) else Intent("unknown", 0.3, {"outside": "talk"})
