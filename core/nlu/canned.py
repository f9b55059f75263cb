"""Fixed phrases and commands, read before anything else: help, greetings, undo, alert commands, /link, settings."""
from __future__ import annotations

import re

from core.intents import Intent
from core.money import ISO_CURRENCIES
from core.nlu.gates import gated, unicode_gated
from core.nlu.short_commands import alert_command

SMALLTALK_RE = re.compile(
    r"^(?:hi+|hello+|hey+|yo|salam|assalamu ?alaikum|good (?:morning|afternoon|evening|night)|"
    r"(?:shuvo|subho|shubho) (?:shokal|sokal|sondhya|shondha|ratri|raat|rat)(?: (?:sobai|shobai|all|team|bot))?|"
    r"good (?:morning|afternoon|evening) (?:team|all|everyone|sobai|shobai)|"
    # "thank you beta, very helpful"
    r"(?:thanks?|thank you)(?: a lot| so much| very much)?(?:,? (?:beta|bhai|vai|apu|dear|bot|buddy|sir|boss))?"
    r"(?:,? (?:very |so |really )?helpful)?|many thanks|thx|ty|ok(?:ay)?|cool|great|"
    r"nice|(?:ok(?:ay)? )?bye(?: bye)?(?:,? (?:kal|pore|later) kotha (?:hobe|hbe|bolbo))?|see you|how are you|"
    r"(?:(?:hi|hello|hey),? )?any ?(?:one|body) (?:there|here)\??|(?:hi|hello|hey),? (?:friend|there|buddy|bot)|"
    r"dhonnobad|dhonnobaad|ধন্যবাদ|shukriya|shukria|sukriya|(?:ha){2,}h?,? (?:ok(?:ay)?|thik ache)|"
    r"gn(?: all| sobai| everyone)?|good ?night (?:all|sobai|everyone)|"
    r"(?:you'?re|ur|you are) (?:the best|awesome|a star|a lifesaver)(?: lol| haha)?|good bot|thik (?:ache|ase)|"
    r"(?:(?:ok(?:ay)?|thx|thanks|ty),? )?got it|"
    r"(?:tumi|apni) (?:onek|khub|besh) (?:helpful|kajer|bhalo)|are you (?:a )?(?:robot|bot|human|real)(?: lol| haha)?|"
    r"kemon (?:acho|achen|aso)|কেমন আছ(?:ো|েন)|👍|🙏|😊)[\s!.?]*$", re.IGNORECASE)
HELP_RE = re.compile(r"^(?:/?help|/start|\?|what can you do|commands|menu|how does this work|"
                     r"how do i use (?:this|you|this bot|the bot|it)|what do you do|"
                     r"(?:ei |tumi |apni |আপনি |তুমি |bot |bot ta |ei bot |ei bot ta |switchboard )?ki ki? "
                     r"(?:kaj |কাজ )?kor(?:te|ta) "
                     r"(?:paro|paren|pare|পারেন|পারো)"
                     r"(?: tumi| apni)?(?: bot)?|"
                     r"(?:(?:এই |ei )?bot (?:ta )?|eta |eita |etar )(?:diye|dia) ki ki kora (?:jay|jai)|"
                     r"(?:ei )?(?:bot|eta|eita) (?:ta )?ki ki kaj (?:kore|korte pare|kora jay)|"
                     # "tumi ki ki hisab rakhte paro", "তোমার কাছে কি কি জানতে পারবো"
                     r"(?:tumi |apni )?ki ki (?:hisab|hishab) rakhte (?:paro|paren|pare)|"
                     r"(?:তোমার|আপনার|tomar|apnar) kache ki ki (?:জানতে|jante) (?:পারবো|পারব|parbo|pari)|"
                     # "meter number diye khuja jay?": whether a lookup can be asked so
                     r"(?:meter|customer|account|consumer) (?:number|no|id) diye (?:khuja|khoja|khujte|search) "
                     r"(?:jay|jabe|pari|parbo|kora jay)|"
                     r"what commands (?:are there|do you (?:have|know|take|understand)|can i (?:use|give))|"
                     # "bot ki ki command bujhe?", "alert commands ki ki ase?", "NOCS balance dekhte ki likhbo?"
                     r"(?:(?:bot|alert|ei bot) )?(?:ki ki|kon kon|কী কী|কি কি) (?:command|commands|কমান্ড) "
                     r"(?:ache|ase|আছে|bujhe|bujhe na|jane|pare)|"
                     r"(?:(?:bot|alert|ei bot) (?:er )?)?commands? (?:ki ki|kon kon) (?:ache|ase)|"
                     r"(?:[^\W\d_]+ ){1,3}dekhte ki (?:likhbo|likhte hobe|likhbo bot e)|"
                     # "how do i check a customer balance with this bot": how a lookup is asked
                     r"how (?:do|can|should) (?:i|we) (?:check|look up|lookup|see|find|search) (?:an? |the )?"
                     r"(?:customer|consumer|meter)s?\b.*|"
                     # "how do I subscribe a group to alerts?": how to, not a subscription made
                     r"how (?:do|can|should) (?:i|we) (?:subscribe|unsubscribe|mute|snooze|resolve|ack)\b.*|"
                     # "how do i set a budget", "budget kivabe set korbo", "বাজেট কীভাবে সেট করতে হয়": how to, not a
                     # budget's status (nor one with the category "kivabe")
                     r"how (?:do|can|should) (?:i|we) (?:set|make|add|create|change|split|undo|delete|fix|correct)"
                     r"(?: up)? (?:an? |my |the |our )?(?:budgets?|splits?|entry|entries|expenses?|categor(?:y|ies)|"
                     r"mistakes?|bills?)\b.*|how (?:do|can) (?:i|we) undo|"
                     # "how do I add a payment someone else made": recording who paid, asked
                     r"how (?:do|can|should) (?:i|we) (?:add|record|log|enter) (?:an? |the )?(?:payments?|expenses?) "
                     r"(?:that )?(?:someone|somebody|a friend|another person|others?) (?:else )?(?:made|paid)\b.*|"
                     # "alert ack korar niyom ta ki?": the way it is done, asked
                     r"(?:alerts?|entry|entries) (?:\w+ ){0,2}(?:korar|dewar|deyar) (?:niyom|system|process)(?: ta)? "
                     r"(?:ki|কি|কী)\W*|"
                     r"how (?:do|can|should) (?:i|we) split (?:with|between|among|it|a bill|the bill)\b.*|"
                     r"how to (?:set|make|add|create|split|undo)(?: up)? (?:an? |my |the )?(?:budgets?|splits?|"
                     r"entry|entries|expenses?|bills?)\b.*|"
                     # (how to do it, not how it came to be: "budget kemne par hoye gelo?")
                     r"(?:(?:ei )?bot (?:ta )?(?:diye|dia) )?"  # "ei bot diye kivabe hisab rakhbo?"
                     r"(?:(?:budget|split|entry|dhar|khoroch|hisab) (?:\w+ )?"
                     r"(?:(?:kivabe|kibhabe|kemne)\b|কীভাবে|কিভাবে)|"
                     r"(?:kivabe|kibhabe|kemne|কীভাবে|কিভাবে) (?:budget|split|entry|dhar|khoroch|hisab)\b)"
                     r"(?=.*(?:\b(?:set|add|use|korbo|kori|korte|dibo|dite|banabo|banate|dekhbo|dekhte|dekhi|likhbo|"
                     r"likhte|rakhbo|rakhte|rakhi)\b|"
                     r"সেট|করতে|করবো|করব|দেখবো|দেখতে))"
                     r"(?!.*\b(?:holo|hoilo|gelo|geche|gese|hoise|hoyeche|hoye)\b).*|"
                     # what it can do: "can you track budgets?", "do you handle multiple currencies"
                     r"(?:can|do|could) you (?:track|handle|manage|do|support|keep track of) (?:\w+ )?"
                     r"(?:budgets|expenses|splits|debts|income|receipts|currencies|groups|bills))"
                     r"[\s!.?]*$",
                     re.IGNORECASE)
# Only the last saved entry named or "undo" itself: "scratch that" or "delete it" may mean the open preview.
UNDO_RE = re.compile(r"^(?:/undo|undo(?: pls| please)?|oops,? undo|"
                     r"undo (?:that|last|(?:my|the) last(?: entry| one| expense| thing)?)|"
                     r"ignore the last one,? (?:delete|remove) it|"
                     r"(?:delete|remove|cancel) (?:my |the )?last(?: entry| one| expense| transaction| thing)?"
                     r"(?: pls| please)?|"
                     # "undo, posted twice", "undo that, wrong group": a reason, no amount put right
                     r"undo(?: that| it| pls| please)?[,.;!]? (?:posted|sent|added|entered|typed|wrong|double|"
                     r"duplicate|mistake|by mistake|galti|bhul)\b(?![^?]*\d)(?![^?]*\b(?:make it|should be|"
                     r"change it to|it was|its|it's|wrong (?:category|date|day|amount|description))\b)[^?]*|"
                     r"(?:scrap|take back) (?:my |the )?last (?:entry|one|expense|transaction)"
                     r"(?: pls| please)?|"
                     r"(?:delete|remove|cancel) (?:that last|(?:my |the )?previous) (?:entry|expense|transaction)|"
                     # "delete the last entry, I entered it twice", "please remove the entry i just made, it was wrong"
                     # "oops remove the last thing i added"
                     r"(?:(?:oops|sorry|uff),? )?(?:please |pls )?(?:delete|remove|undo) (?:my |the )?"
                     r"(?:last (?:entry|expense|transaction)|(?:entry|expense|one) i just (?:made|added|entered|"
                     r"recorded|put in)|last (?:thing|one|entry|expense) i (?:just )?(?:added|entered|recorded|put in|"
                     r"made))"
                     # (a reason, not an amount put right: "…, it was 500 not 300" corrects it)
                     r"(?:[,.;]? (?:i|it|that|as|was|because|coz|cuz|added|entered|put|typed|double|duplicate|"
                     r"wrong|by mistake)\b(?![^?]*(?:\d\s+(?:not|na)\s+\d|\b(?:make it|should be|change it to)\s+\d))"
                     r"[^?]*)?|"  # (no amount put right in it: "…, wrong amount, make it 450" corrects)
                     # "last ta undo koro", "oops ota bhul hoise, delete kore dao last ta", "undo ta koro, vul group e"
                     r"(?:(?:oops|sorry|uff),? )?"
                     r"(?:(?:(?:ota|eta|oita) )?(?:bhul|vul) (?:hoise|hoyeche|hoye gese)[,.!]? )?"
                     r"(?:(?:last ta|shesher ta|(?:shesh|sesh|ager) ta|(?:shesh|sesh|last) er ta|"
                     # "last entry ta vul, delete koro", "আগেরটা মুছে ফেলো"
                     r"(?:last|shesh|sesh) (?:entry|khoroch)(?: ?(?:ta|টা))?) (?:(?:vul|bhul)(?: hoise| hoyeche)?[,.]? "
                     r")?(?:delete|muche|remove|bad|undo|ডিলিট) "
                     # … and why after it: "শেষেরটা মুছে দাও ভুল হইছে"
                     r"(?:koro|dao|kore dao|করো|felo|fele dao)(?:[,.!]? (?:(?:ota|eta) )?(?:bhul|vul) (?:hoise|"
                     r"hoyeche|hoye gese|korsi|korechi))?|"
                     r"(?:delete|remove|undo|muche) (?:kore dao|koro|dao) (?:last ta|shesher ta|"
                     r"(?:last|shesh|sesh) (?:entry|khoroch)(?: ta)?)|"
                     r"undo (?:ta )?koro(?:[,.;!]? (?:vul|bhul|wrong|bhule)\b[^?\d]*)?))"
                     r"[\s!.]*$", re.IGNORECASE)
# help, smalltalk and undo in one match at the start (in that order, as the three patterns were tried).
CANNED_RE = re.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in
                                (("help", HELP_RE), ("smalltalk", SMALLTALK_RE), ("undo_last", UNDO_RE))),
                       re.IGNORECASE)
CANNED_CASED_RE = re.compile(CANNED_RE.pattern)  # for ASCII text in lower case: the same matches, faster
CANNED = {"help": 0.99, "smalltalk": 0.95, "undo_last": 0.97}
LINK_RE = gated(r"^/?link(?:\s+(?:code\s+)?(?P<code>[A-Za-z0-9]{6,12}))?\s*$|"
                r"^(?:i want to |i'd like to |how (?:do|can) i |please |pls )?link (?:my )?(?:telegram|teams) "
                r"(?:account|and (?:my )?(?:telegram|teams))(?: accounts?)?(?: together)?\W*$|"
                # "amar Teams account ta Telegram er sathe link korte chai": the two accounts named
                r"^(?:amar )?(?:telegram (?:account )?(?:ta )?teams|teams (?:account )?(?:ta )?telegram)"
                r"(?: account)?(?: er| r)? (?:sathe |shathe )?link (?:korte chai|korbo|kore dao|koro|korte hobe)\W*$",
                re.IGNORECASE)
SETTINGS_RE = gated(r"^/?(?:(?P<autosave>auto-?save)\s+(?P<on>on|off)|(?:(?:set|change|make|switch)\s+)?"
                         r"(?:my\s+)?(?:default\s+)?currency\s+(?:to\s+|as\s+)?(?P<currency>[A-Za-z]{3}))"
                         r"(?:\s+(?:please|pls))?\s*$", re.IGNORECASE)
COMMAND_RE = gated(f"(?P<link>{LINK_RE.pattern})|(?P<settings>{SETTINGS_RE.pattern})", re.IGNORECASE)
# every COMMAND_RE match starts so, past a "/"
COMMAND_STARTS = ("link", "auto", "set", "default", "currency", "change", "make", "switch", "my", "i want",
                  "i'd like", "how do i", "how can i", "please", "pls", "amar", "telegram", "teams")
COMMAND_SUFFIX_RE = re.compile(r"^/(\w+)@\w+")


def fixed(lower: str, body: str) -> Intent | None:
    """A canned phrase (help, a greeting, undo), an alert command or a command (/link, settings), or None."""
    if not lower.strip():
        return Intent("unknown", 0.0)
    if (m := (CANNED_CASED_RE if lower.isascii() else CANNED_RE).match(lower)) and m.lastgroup:
        return Intent(m.lastgroup, CANNED[m.lastgroup])
    if (len(lower) <= 40 or lower[:1].isdigit() or lower.startswith(("alert ", "alarm ", "#"))) \
            and (alert := alert_command(lower)) is not None:  # several alerts named first may take more words
        return alert
    typed = body.strip()
    if typed.startswith("/"):
        typed = COMMAND_SUFFIX_RE.sub(r"/\1", typed)  # "/link@bot CODE", as Telegram groups send it
    if (typed.isascii() or unicode_gated(typed, re.IGNORECASE)) \
            and not typed.lower().removeprefix("/").startswith(COMMAND_STARTS):
        return None
    if (m := COMMAND_RE.match(typed)) is None:
        return None
    if m["link"] is not None:
        return Intent("link_account", 0.97, {"code": m["code"].upper()} if m["code"] else {})
    if m["autosave"]:
        return Intent("settings", 0.97, {"setting": "autosave", "value": m["on"].lower()})
    if (code := m["currency"].upper()) not in ISO_CURRENCIES:
        return None  # "make my currency the": no currency named
    return Intent("settings", 0.97, {"setting": "currency", "value": code})
