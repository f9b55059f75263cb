"""Operations in chat: "turn on batch alerts", "any batch stuck?", "nocs balance for Mirpur"; alerts acted on and
jobs run in words ("mute all batch alerts for 2 hours", "refresh the batch check"); the NOCS area a balance question
names. The short commands ("ack 12", "open alerts") are short_commands.py's."""
from __future__ import annotations

import re

from core.intents import BUILT_IN_TOPICS, Intent
from core.nlu.gates import gated, words_of
from core.nlu.lookups import people_talk
from core.nlu.ops_talk import (
    DURATION,
    EXCEPT_RE,
    OTHERS_ALERTS_RE,
    SEVERITY_WORDS,
    THANKS_END,
    TOPIC_WORD_RE,
    UNTIL,
    UNTIL_RE,
    acted_on_told,
    asked_of_bot,
    asked_or_past,
    asks_after_a_run,
    batch_code,
    customer_of_nocs,
    how_to,
    many_alerts,
    minutes_of,
    nocs_area,
    nocs_day_told,
    refreshed_topic,
    staff_told,
    starts_a_run,
    talk_unless_paid,
    team_talk,
    topic_added_here,
    unacked_asked,
)

# Every monitoring request holds one of these pieces or words (looked up faster than a pattern scans for them).
MONITORING_PIECES = ("batch", "noc", "rcdc", "connect", "alert", "alarm", "subscribe", "notif", "unsub", "job",
                     "prepaid", "snooze", "bill print", "unack", "upload", "mute", "silence", "month-end",
                     "month end", "bill run", "billing run")
MONITORING_WORDS = frozenset({"imd", "mdm", "sub", "rc", "dc"})
# "৭৫ নম্বর অ্যালার্ট বন্ধ করো" closes alert 75; it does not stop the chat's alerts
NOT_NUMBERED = (r"(?<!^\d )(?<!^\d\d )(?<!^\d\d\d )(?<!^\d\d\d\d )(?<!^\d\d\d\d\d )"
                r"(?<!\d no )(?<!\d nong )(?<!\d number )(?<!\d nombor )")  # not "raat 10 alert bondho koro"
UNSUBSCRIBE_RE = gated(r"\b(?:unsubscribe|unsub|stop (?:sending|the)? ?(?:\w+ )?(?:alerts|notifications)|"
                            r"(?:mute|turn off|switch off|disable|pause) (?:\w+ ){0,2}(?:alerts|notifications)|"
                            r"no more (?:\w+ )?(?:alerts|notifications)|(?:want|need) no (?:\w+ )?alerts|"
                            r"remove (?:this|the|our) (?:chat|group|channel) from (?:the )?(?:\w+ )?alerts|" +
                            NOT_NUMBERED + r"alerts? (?:gula |gulo |notifications? )?(?:bon?dho|off) "
                            r"(?:koro|koren|kor|korun)(?![^,.;]*\b(?:na|naki)\b)|"
                            # "সিস্টেম অ্যালার্ট এই গ্রুপ থেকে বন্ধ করো", "এই চ্যাটে আর এনওসিএস অ্যালার্ট চাই না"
                            r"alerts? (?:\S+ )?(?:group|grup|chat|channel)(?: e| theke| te)? bon?dho "
                            r"(?:koro|kore dao|korun)\b(?! na\b)|(?<!keno )alerts? (?:ar )?chai na\b(?!.*\?)|"
                            # not "… bondho hoye gese?", "… bondho koro na"
                            + NOT_NUMBERED + r"alerts? (?:gula |gulo )?bon?dho(?! ho)(?![^,.;]*\?)"
                            r"(?![^,.;]*\b(?:na|naki)\b)|"
                            # "amake r alert pathaio na": send me no more alerts
                            # (not "alert pathaiyo na keno": why none come)
                            r"alerts? (?:\w+ )?(?:pathaio|pathaiyo|pathiyo|pathaben|diyo|dio|diben|lagbe|chai)"
                            r"(?: \w+)? na"
                            r"(?!.*\b(?:keno|naki)\b)(?!.*\?)|"
                            r"notify (?:korben|koro|korio) na|"
                            # "amake alert theke bad dao": take me off the alerts
                            r"(?:amake|amare) alerts? (?:list )?theke (?:bad|baad|remove|soriye) "
                            r"(?:dao|den|koro|diben)(?![^,.;]*\b(?:na|naki|keno)\b)(?!.*\?))\b")
_HERE = r"(?:ei|this) (?:channel|group|grup|chat) ?e|ekhane|eikhane"
SUBSCRIBE_RE = gated(r"\b(?:subscribe|sub to (?:\w+ )?(?:alerts|notifications|" + "|".join(BUILT_IN_TOPICS) + r")|"
                          r"notify me|alert me|send me (?:the )?alerts|"
                          r"(?:turn on|switch on|enable|activate|start) (?:\w+ ){0,2}(?:alerts|notifications)|"
                          r"(?:i want|send me|give me) (?:\w+ ){0,2}(?:alerts|notifications)|"
                          r"(?:want|like) to (?:get|receive) (?:\w+ ){0,3}(?:alerts|notifications)|"
                          # "batch fail hole amake notify korben", "amake alert e add koro"
                          r"(?:amake|amare) (?:\w+ ){0,2}(?:notify|janaben|janaio|janiyo)|"
                          r"(?:" + "|".join(BUILT_IN_TOPICS) + r"|alerts?)\b(?!.*\bke\b).*\bnotify "
                          r"(?:korben|koro|korio)\b(?! na\b)|(?:amake|amare|(?:amader )?group ke) (?:\w+ )?alerts? "
                          r"e add kor(?:o|en|un|ben|io|e dao|e den|e din|e diben)\b(?! na\b)(?!.*\?)|"
                          # a topic's alerts wanted: "budget alerts chai", "rcdc alert pathaio amake" (not "… pathaio
                          # na": UNSUBSCRIBE_RE's; not asked: "batch alert lagbe naki?")
                          r"(?:" + "|".join(BUILT_IN_TOPICS) + r") alerts? (?!(?:er|r) )(?:(?!(?:screenshot|list|"
                          r"report|details|log|copy|ta|abar|ekbar|again|last|\d+|"
                          r"(?!ei |this |amader |our )\w+ (?:group|grup))\b)\w+ ){0,4}?"
                          r"(?:chai|lagbe|pathaio|pathaiyo|pathiyo|pathaben|pathao|diyo|dio|diben)"
                          r"(?![^,.;]*\b(?:na|keno|naki)\b)(?![^,.;]*\?)|"
                          # "ei group e alert pathaio", "alert gula ekhane dite thako" (not "… screenshot pathao")
                          r"(?:alerts? (?:gula |gulo )?(?:" + _HERE + r")|(?:" + _HERE + r") alerts?) (?:pathaio|"
                          r"pathao|diyo|dio|dite thako|pathate thako)(?!.*\b(?:na|keno|naki|kintu)\b)(?!.*\?)|"
                          r"add (?:this|ei|the|our) (?:group|chat|channel) to (?:the )?(?:\w+ )?alerts(?! channel)"
                          r"(?!.*\?)|^sub (?:\w+ )?alerts)\b|"
                          r"\balerts? (?:ekhane |ei (?:group|chat) e )?(?:on|chalu) kor?|"
                          r"\balerts? notifications? (?:on|chalu) (?:koro|kore dao|korun|koren)\b(?!.*\?)")
# NOCS areas hold the prepaid meters: "prepaid meter balance summary" is their report
NOCS_OFFICE_RE = gated(r"\bnocs office\b")
# a batch of students: "class 8 batch", "class 9 er batch", "tuition batch", "batch of students"
TUITION_BATCH_RE = gated(r"\b(?:class|grade) \w+ (?:er )?batch|\bbatch(?:es)? of students\b|"
                         r"\b(?:students?|tuition|coaching|course)(?: er)? batch")
TARGET_TOLD_RE = gated(r"\btargets?\b(?=.*\d)")  # a target told ("gulshan nocs target 2 crore"), not a balance asked
FIGURE_ASKED_RE = re.compile(r"\b(?:koto|kto|how much|balance|collection)\b|\?")
NOCS_RE = gated(r"\bnocs?\b|\bprepaid (?:meters? )?balances?\b(?!.*\d)")
RCDC_SPELLING_RE = gated(r"\brc\s*(?:/|&|-|and)?\s*dc\b")  # "RC/DC", "rc & dc" are "rcdc"
# (not "disconnect from my phone": a connection's requests, queue or count)
RCDC_RE = gated(r"\b(?:rcdc|disconnections|reconnections|remote (?:connect|disconnect)|(?:rc|dc|reconnect|"
                r"disconnect|reconnection|disconnection) (?:queue|requests?|pending|koyta|kotogula|koto|status|fail\w*|"
                r"list)|koyta (?:rc|dc|reconnect\w*|disconnect\w*))\b")  # "aj koyta RC done holo"
# "show active alarms", "pending alarm gula ki", "bot er alert gula ekhon ki ki open", "চলমান অ্যালার্ট গুলো দেখাও"
ALERTS_ASKED_RE = gated(r"\b(?:alerts?|alarms?)\b(?:.*\b(?:open|khola|active|pending|live|gula|gulo|dekhao|"
                             r"ache|ase|ki ki|koyta)\b)|"
                             r"\b(?:open|active|pending|live|cholman|current) (?:alerts?|alarms?)\b|"
                             # one alert asked about: "show alert 41", "alert 23 ki niye"
                             r"^(?:show|see|view|open)(?: me)? (?:the )?(?:alert|alarm) #?\d{1,12}\s*[?.!]*$|"
                             r"^(?:alert|alarm) #?\d{1,12}(?: ta| ti)? (?:ki niye|kisher|kiser|ki|about what)"
                             r"\s*[?.!]*$")
# "fixed, close the alert" resolves it, "alert ta mute koro 1 hour er jonno" snoozes it: the alert replied to, or the
# one numbered ("close alert 12"; not "mute alert 2 hours", "resolved the alert 2 hours ago": a time)
NOT_A_TIME = r"(?!\d|\s*(?:m|min|mins|minutes?|minit|h|hr|hrs|hours?|ghontar?|d|days?|ago|back|later|age)\b)"
RESOLVE_SAID_RE = re.compile(r"\b(?:close|resolve|closed|resolved)\b (?:the |this |that |ei |oi )?"
                             r"(?:(?:batch|nocs|rcdc|rc|dc|sms|system|budget|billing|meter|stuck|critical|warning|"
                             r"last) )?alert\b"
                             r"(?: #?(?P<alert>\d{1,12})" + NOT_A_TIME + r")?|"
                             # "alert 5 ta close koro" may be five alerts: none is numbered
                             r"\balert(?: ta)?(?: #?(?P<alert2>\d{1,12})" + NOT_A_TIME + r"(?! ta\b))?(?: \d{1,3} ta)? "
                             r"(?:close|resolve) "
                             r"(?:koro|kore dao|korlam|korsi)\b|"
                             r"\b(?P<alert3>\d{1,12}) (?:no|nong|number|nombor) alert(?: ta)? "
                             r"(?:close|resolve|bon?dho) "
                             r"(?:koro|kore dao|korlam|korsi)\b|"
                             # "alert 12 bondho kore dao": that alert closed (no number: the chat's alerts stopped)
                             r"\balert #?(?P<alert4>\d{1,12}) (?:ta )?bon?dho (?:koro|kore dao)\b")
# the verb first ("mute alert 12 for 2 hours") or last, as Bengali-English puts it ("2 ghonta alert chup koro")
# (in one clause: not "mute critical alerts, they've been firing for 2 hours")
# (or the length alone after a comma: "12 snooze koro, 2 hours")
SNOOZE_SAID_RE = re.compile(r"\b(?:mute|snooze|chup|pause|silence)\b(?:[^,.;!?]*?|[^.;!?]*?, (?:for )?)" + DURATION +
                            r"|" +
                            DURATION.replace("amount", "amount2").replace("unit", "unit2") +
                            r"[^,.;!?]*?\b(?:mute|snooze|chup (?:koro|kore dao|kore rakho|rakho|korun))\b")
# "snooze 44 till morning": alert 44 (not "snooze 1 week", "snooze 5 pm", "snooze 10.30", "snooze 44?")
SNOOZE_NUMBERED_RE = re.compile(r"(?:snooze|mute|silence) (?:alert )?#?(?P<alert>\d{1,12})"
                                r"(?=\s*(?:$|[.!,]|(?:till|until|tomorrow|tonight|for now|pls|please|koro|kore dao)\b))"
                                r"(?!.*\?)")
# "mute all batch alerts for 2 hours": the topic right before "alerts" (a word that is none, "whatsapp", is someone
# else's alerts)
# a command refused or wondered about before it is said ("don't subscribe me…", "should we mute all…"), or with an
# exception the bot cannot make ("… except budget")
REFUSED_BEFORE_RE = gated(r"\b(?:don'?t|do not|never|should|shall|maybe)\b")
# every alert snoozed only when asked now: not refused, past, asked, conditional or later ("sob alert 2 ghonta mute
# korbo na", "… mute korsi", "… kora jabe", "if it gets noisy mute all…", "… tomorrow"; "if possible" asks)
NOT_NOW_FOR_ALL_RE = gated(r"\b(?:tomorrow|later|korbo|korsi|korlam|korechi|jabe|naki|keno|na)\b|"
                                r"\bif (?!possible)")
# words between "all" and "alerts" that name no topic (and no severity: "all warning alerts" is no "all")
ALL_OF_THEM = frozenset({None, "open", "active", "the", "live", "pending", "these", "my", "our", "current"})
ALL_ALERTS_RE = gated(r"\b(?:all|every|sob|shob|সব)(?: (?:the|open|active|of the))?(?: (?P<topic>\w+))? "
                           r"(?:alerts|alarms|alert)\b|\balert (?:gula|gulo|sob)\b")
MUTED_NUMBER_RE = re.compile(r"(?:mute|silence) #?\d")  # "mute 9 till 8": an alert's number (not "mute this group")
# the length or end said right after the alerts muted ("turn off critical alerts for 2 hours"; not "…, they've been
# firing for 2 hours", "… after 2 hours")
LENGTH_AFTER_RE = re.compile(r"\b(?:alerts?|notifications) (?:(?:for )?" + DURATION + r"|(?P<until>" + UNTIL + r"))"
                             + THANKS_END)
ALERT_NUMBER_RE = re.compile(r"\balert\s*#?(?P<alert>\d{1,12})" + NOT_A_TIME +
                             r"|\b(?P<alert2>\d{1,12}) (?:no|nong|number|nombor) alert\b"  # "7 nombor alert"
                             # "mute 12 for 1.5 hours"
                             r"|^(?:mute|snooze|silence) #?(?P<alert3>\d{1,12}) (?=for|till|until)"
                             r"|^#?(?P<alert4>\d{1,12}) (?:snooze|mute)\b")  # "12 snooze koro, 2 hours"
# Refused, asked about or told as past ("don't close the alert", "who closed the alert?", "closed it 2 hours ago"),
# read in the command's own clause ("close alert 12, customer account updated" closes it)
NOT_DONE_RE = re.compile(r"\b(?:don'?t|do not|dont|never|not yet|who|why|when|did|kobe|keno)\b|\?|"
                         r"\d+\s*[a-z]*\s+(?:ago|back|later|age|pore)\b|"
                         r"\b(?:koro|kore dao|korba|korben|korlam|korsi|korbo|kori) na\b")
CLAUSE_RE = re.compile(r"[^,.;!?]+[,.;!?]*")
CLAUSE_BREAK_SPLIT_RE = re.compile(r"[,.;!?]")
# a job asked to run in words: "rerun rcdc check", "trigger the nocs balance refresh", "batch monitor ta abar chalao",
# never a question about a run ("batch run kobe hobe", "is the batch run done now?", "why did the batch run again")
RUN_SAID_RE = gated(r"^(?:please |pls |can you |could you )?(?:rerun|re-run|trigger|kick off|execute)\b|"
                         r"^(?:please |pls |can you |could you )?(?:run|start|refresh|restart) (?:the )?(?:\w+ ){0,2}"
                         r"(?:job|check|report|refresh|monitor)\b(?: now| again)?\W*$|"
                         r"\b(?:chalao|chalan|chaliye dao|run korao|run koro|run kore dao|"
                         r"(?:re-?)?trigger (?:koro|koren|korun|kore dao|kore den)|"
                         r"(?<!notification )(?<!notifications )(?<!alert )(?<!alerts )"
                         r"chalu (?:koro|kore dao|korun))\b|"
                         r"\brerun (?:dao|koro|kore dao|den|korun|koren)\b")
ASKED_RE = re.compile(r"\?|^(?:is|was|did|does|why|when|what|how|has|have)\b|\b(?:kobe|hoise|hoyeche|naki|hobe|keno)\b")
# not asked to run now: refused, or on a condition ("… run koro na", "not batch-monitor", "when power returns")
# ("chalao na" alone is a polite "do run it"; "ekhon chalao na, pore" is not now)
NOT_NOW_RE = gated(r"\b(?:not|don'?t|never|when|hole|after|later|pore|no need|tomorrow|tonight|kal|kalke|raate|"
                        r"rate)\b|\bat \d|\bekhon (?:\w+ )?na\b|"
                        r"\b(?:lagbe|dorkar) (?:na|nai|nei)\b|"
                        r"\b(?:koro|korben|korio|chalaio|chalaben|korao) na\b(?! (?:please|pls|bhai|vai|plz))")
# a job by the name the scheduler gives it, said right after the verb or right before "job" ("rerun alerts-sweep",
# "the alerts-sweep job"); other hyphenated words ("mirpur-1", "follow-up") are no job
JOB_NAME_RE = re.compile(r"(?:\b(?:rerun|re-run|run|trigger|start|kick off|execute) (?:the )?|^)"
                         r"(?P<job>[a-z][a-z0-9]*(?:-[a-z0-9]+)+)\b|"
                         r"\b(?P<job2>[a-z][a-z0-9]*(?:-[a-z0-9]+)+) (?:job|ta)\b")
JOB_WORD_RE = gated(r"\bjobs?\b")
ALERTS_SWEEP_RE = gated(r"\balerts? sweep\b")
TOPICS = (("batch", "batch-monitor"), ("nocs", "nocs-balance"), ("rcdc", "rcdc-report"))  # a topic and its job
# the runs a batch check watches: billing and bill print batches, MDM's meter-data import, its pending IMD and the
# meter reads' upload (not "bill print korlam 500 taka", "imd 500")
BATCH_RE = gated(r"\b(?:batch(?:es)?|batch jobs?|stuck jobs?|"
                      r"jobs? (?:stuck|running|status|atke|atkay|atkaise)|jobs? (?:summary|report)(?!.*\d)|"
                      r"(?:sob|all) jobs? (?:complete|completed|done|shesh|sesh|finished)(?=\s*\?)|"
                      r"(?:imd|mdm import|bill print|bill(?:ing)? run|meter reads? upload|read upload|"
                      r"month[- ]end (?:run|billing))"
                      r"(?!.*\d))\b")


def _clause_of(lower: str, at: int) -> str:
    """The clause of `lower` that holds position `at` (clauses end at , . ; ! ?)."""
    return next((m.group() for m in CLAUSE_RE.finditer(lower) if m.start() <= at < m.end()), lower)


def _topic_named(lower: str, at: int) -> str | None:
    """The subscription topic of the command at `at`: the first named in its clause ("keep budget alerts, stop batch
    alerts" stops batch), else in the message."""
    found = TOPIC_WORD_RE.search(_clause_of(lower, at)) or TOPIC_WORD_RE.search(lower)
    return found.group(1) if found else None


def _not_asked_now(lower: str, at: int) -> bool:
    """The command at `at` is refused or wondered about before it is said, or has an exception in its clause."""
    head = CLAUSE_BREAK_SPLIT_RE.split(lower[:at])[-1]
    return REFUSED_BEFORE_RE.search(head) is not None or EXCEPT_RE.search(_clause_of(lower, at)) is not None


def _refused_or_others(lower: str, at: int) -> bool:
    """The command at `at` is refused, asked about or told as past, or about someone else's alert, in its clause."""
    clause = _clause_of(lower, at)
    return NOT_DONE_RE.search(clause) is not None or OTHERS_ALERTS_RE.search(clause) is not None


def _alert_said(lower: str) -> Intent | None:
    """An alert resolved or snoozed in words, or the open alerts asked for; a refused or asked-about one is
    "unknown" (its number is no amount either); else None."""
    if (resolved := RESOLVE_SAID_RE.search(lower)) is not None:
        if _refused_or_others(lower, resolved.start()):
            return Intent("unknown", 0.3)
        number = resolved["alert"] or resolved["alert2"] or resolved["alert3"] or resolved["alert4"]
        return Intent("alert_update", 0.85, {"verb": "resolve", **({"alert": int(number)} if number else {})})
    if (snooze := SNOOZE_SAID_RE.search(lower)) is not None:
        if _refused_or_others(lower, snooze.start()):
            return Intent("unknown", 0.3)
        amount, unit = snooze["amount"] or snooze["amount2"], snooze["unit"] or snooze["unit2"]
        entities: dict[str, object] = {"verb": "snooze", "minutes": minutes_of(amount, unit)}  # "1.5 hours" too
        if (number := ALERT_NUMBER_RE.search(lower)) is not None:
            entities["alert"] = int(number["alert"] or number["alert2"] or number["alert3"] or number["alert4"])
        elif (every := ALL_ALERTS_RE.search(lower)) is not None:  # "mute all alerts for 2 days": every open one
            named = every["topic"] if every["topic"] not in ALL_OF_THEM else None
            severity = SEVERITY_WORDS.get(named) if named else None  # "mute all critical alerts for 1 hour"
            topic = TOPIC_WORD_RE.fullmatch(named) if named and severity is None else None
            if (named and topic is None and severity is None) or _not_asked_now(lower, snooze.start()) \
                    or NOT_NOW_FOR_ALL_RE.search(_clause_of(lower, snooze.start())):
                return Intent("unknown", 0.3)  # "mute all whatsapp alerts", "… except rcdc", "should we mute all…"
            entities["all"] = True
            if severity is not None:
                entities["severity"] = severity
            if topic is not None:
                entities["topic"] = topic.group(1)
        return Intent("alert_update", 0.85, entities)
    if (numbered := SNOOZE_NUMBERED_RE.match(lower)) is not None:  # "snooze 44 till morning": to the time said
        entities = {"verb": "snooze", "alert": int(numbered["alert"])}
        if (until := UNTIL_RE.search(lower, numbered.end())) is not None:
            entities["until"] = until.group()
        return Intent("alert_update", 0.85, entities)
    if lower.startswith(("snooze", "mute alert")):  # "snooze 15 again", "mute alert 2 for 10": never an amount
        return Intent("unknown", 0.3)
    if ALERTS_ASKED_RE.search(lower) and not OTHERS_ALERTS_RE.search(lower):
        return Intent("alerts_list", 0.85)
    return None


def _job_asked_to_run(lower: str, topic: str | None, code: str | None) -> Intent | None:
    """A job asked to run now, named ("rerun the alerts-sweep job"), by its topic ("rerun rcdc check") or by a CC&B
    batch code ("BMUPLD abar run koro": no job is called so, and the handler names the ones there are), or None."""
    said = RUN_SAID_RE.search(lower)
    at = said.start() if said is not None else 0 if code is not None and starts_a_run(lower) else -1
    if at < 0 or ASKED_RE.search(lower) or NOT_NOW_RE.search(_clause_of(lower, at)):
        return None
    if (named := JOB_NAME_RE.search(lower)) is not None and (name := named["job"] or named["job2"]) != "re-run":
        return Intent("run_job", 0.85, {"job": name})
    if ALERTS_SWEEP_RE.search(lower):  # "alerts sweep ta akbar chaliye dao": the job's name as two words
        return Intent("run_job", 0.85, {"job": "alerts-sweep"})
    if code is not None:
        return Intent("run_job", 0.85, {"job": code})
    if not (topic or JOB_WORD_RE.search(lower)) or "alert" in lower or "alarm" in lower:
        return None
    job = next((name for word, name in TOPICS if word == topic), None)
    return Intent("run_job", 0.85, {"job": job} if job else {})


def _run_asked(lower: str, topic: str | None, code: str | None) -> Intent | None:
    """A job asked to run now: the one whose figures are asked to be refreshed ("refresh nocs cache now, numbers look
    old"), or one named; else None."""
    if (refresh := refreshed_topic(lower)) is not None and not ASKED_RE.search(lower) \
            and not NOT_NOW_RE.search(_clause_of(lower, refresh[1])):
        return Intent("run_job", 0.85, {"job": dict(TOPICS)[refresh[0]]})
    return _job_asked_to_run(lower, topic, code)


def _batch_asked(lower: str, code: str) -> Intent | None:
    """A CC&B batch named by its code, run ("BMUPLD abar run koro") or asked after ("why is BMUPLD so slow tonight":
    the batch report covers every batch), or None."""
    if (run := _job_asked_to_run(lower, None, code)) is not None:
        return run
    if staff_told(lower) == "talk" or people_talk(lower):  # "BMHHS fail korle amake call dio": to a colleague
        return Intent("unknown", 0.3, {"outside": "talk"})
    return Intent("batch_status", 0.85) if asks_after_a_run(lower) else None


def _command(lower: str) -> Intent | None:
    """Alerts acted on many at once, or the chat's subscriptions changed ("unknown" when refused or wondered about),
    or None."""
    if (many := many_alerts(lower)) is not None:
        return many  # "mute rcdc timeout alerts for tonight" snoozes them; it does not unsubscribe for good
    for pattern, intent in ((UNSUBSCRIBE_RE, "unsubscribe_alerts"), (SUBSCRIBE_RE, "subscribe_alerts")):
        if (command := pattern.search(lower)) is not None:
            if _not_asked_now(lower, command.start()):
                return Intent("unknown", 0.3)  # "don't subscribe me…", "should we…", "… except budget"
            topic = _topic_named(lower, command.start())
            severity = next((SEVERITY_WORDS[word] for word in words_of(lower) if word in SEVERITY_WORDS), None)
            if intent == "unsubscribe_alerts" and severity is not None:
                # "mute all critical alerts", "mute critical batch alerts": a chat subscribes to topics, not
                # severities; those are snoozed, for the length said ("turn off critical alerts for 2 hours"), else
                # the handler asks how long
                snooze: dict[str, object] = {"verb": "snooze", "all": True, "severity": severity}
                if topic is not None:
                    snooze["topic"] = topic
                if (length := LENGTH_AFTER_RE.search(lower)) is not None and length["unit"]:
                    snooze["minutes"] = minutes_of(length["amount"], length["unit"])
                elif length is not None:
                    snooze["until"] = length["until"]  # "disable critical batch alerts till tomorrow"
                return Intent("alert_update", 0.85, snooze)
            return Intent(intent, 0.9, {"topic": topic or "all"})
    if (here := topic_added_here(lower)) is None:
        return None
    if _not_asked_now(lower, here.start()) or asked_or_past(lower):
        return Intent("unknown", 0.3)  # "don't add nocs topic here", "did you add nocs topic here?"
    return Intent("subscribe_alerts", 0.9, {"topic": _topic_named(lower, here.start()) or "all"})


def _report_asked(lower: str, body: str) -> Intent | None:
    """The report a message asks for: the open alerts, a NOCS balance (or a customer's NOCS), RC/DC or batches; none
    for talk about a topic's team; else None."""
    if unacked_asked(lower):
        return Intent("alerts_list", 0.85)
    if team_talk(lower) or people_talk(lower):  # people talking to each other: no model second-guesses it
        return Intent("unknown", 0.3, {"outside": "talk"})
    if (told := staff_told(lower)) is not None:  # talk, or money paid beside it that the record rules read
        return Intent("unknown", 0.3, {"outside": "talk"}) if told == "talk" else None
    if NOCS_RE.search(lower):
        if (TARGET_TOLD_RE.search(lower) and not FIGURE_ASKED_RE.search(lower)) or nocs_day_told(lower):
            return Intent("unknown", 0.3, {"outside": "talk"})  # "উত্তরা এনওসিএস এর লক্ষ্যমাত্রা ৪ কোটি টাকা": told
        if "office" in lower and NOCS_OFFICE_RE.search(lower) and not FIGURE_ASKED_RE.search(lower) \
                and "report" not in lower and "sheet" not in lower:
            # the office as a place: a fare paid to go there is a record ("cng 150 dilam nocs office e jawar"), else
            # talk ("nocs office e jete hobe kal 11 tay")
            return talk_unless_paid(lower)
        if (customer := customer_of_nocs(lower)) is not None:
            return customer
        area = nocs_area(body)
        return Intent("nocs_balance", 0.9, {"nocs": area} if area else {})
    if RCDC_RE.search(lower):
        return Intent("rcdc_dashboard", 0.9)
    if BATCH_RE.search(lower):
        if not TUITION_BATCH_RE.search(lower):
            return Intent("batch_status", 0.9)
        # a batch of students: a fee received is a record ("got tuition fee 3500 from class 8 batch"), else talk
        return talk_unless_paid(lower)
    return None


def monitoring_request(lower: str, body: str) -> Intent | None:
    """Subscribing to alerts, acting on them, running a job, or a question about batches, NOCS balances or RC/DC, or
    None."""
    if "rc" in lower:
        lower = RCDC_SPELLING_RE.sub("rcdc", lower)
    code = batch_code(body, lower)
    if not any(piece in lower for piece in MONITORING_PIECES) and MONITORING_WORDS.isdisjoint(words_of(lower)):
        return _batch_asked(lower, code) if code is not None else None  # a batch code holds no piece
    if how_to(lower):
        return Intent("help", 0.85)  # "kivabe ei group e alert subscribe korbo?": how to, not the command
    topic = min((t for t, _ in TOPICS if t in lower), key=lower.find, default=None)  # the first one named
    alerted = "ale" in lower or "ala" in lower or "snooze" in lower or MUTED_NUMBER_RE.match(lower) is not None
    if alerted and SNOOZE_SAID_RE.search(lower):
        # "mute critical alerts for 2 hours": a kind of alert; else the one numbered, replied to or every one (its
        # clauses read there: "mute all alerts for 2 days, batch is being fixed")
        if (many := many_alerts(lower)) is not None and many.name == "alert_update":
            return many
        if (said := _alert_said(lower)) is not None:
            return said  # "mute the alerts for 1 hour" snoozes; it does not unsubscribe for good
    if (command := _command(lower)) is not None:
        return command
    if acted_on_told(lower):  # "ajke 17 ta alert close korsi, report pathacchi": done, told
        return Intent("unknown", 0.3, {"outside": "talk"})
    if (run := _run_asked(lower, topic, code)) is not None:
        return run
    if alerted and (said := _alert_said(lower)) is not None:
        return said
    # a batch's code with the job's own word: "BILLG job ta last night e fail korse naki dekhao to"
    return _report_asked(lower, body) or (_batch_asked(lower, code) if code is not None and asked_of_bot(lower)
                                          else None)
