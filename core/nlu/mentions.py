"""Mentions in chat text: Telegram @handles and Teams <at>Name</at> tags; the bot's own mention removed."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from core.turn import Mention

AT_TAG_RE = re.compile(r"<at>(.*?)</at>", re.IGNORECASE | re.DOTALL)
SPACES_RE = re.compile(r"\s{2,}")
HANDLE_RE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_][\w.]{0,63}(?<!\.))")


@dataclass(frozen=True, slots=True)
class MentionSpan:
    start: int
    end: int
    name: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Text with the bot's mentions removed and every other mention located."""

    text: str
    mentions: list[MentionSpan]


def clean(text: str, bot_names: frozenset[str] = frozenset()) -> Cleaned:
    if "@" not in text and ("<" not in text or "<at>" not in text.lower()):  # the common case, kept cheap
        return Cleaned(SPACES_RE.sub(" ", text).strip(" ,:") if "  " in text else text.strip(" ,:"), [])
    bots = {b.lower().lstrip("@") for b in bot_names}

    def drop_bot_tag(match: re.Match[str]) -> str:
        name = html.unescape(match.group(1)).strip()
        return "" if name.lower() in bots else f"<at>{name}</at>"

    def drop_bot_handle(match: re.Match[str]) -> str:
        return "" if match.group(1).lower() in bots else match.group(0)

    stripped = HANDLE_RE.sub(drop_bot_handle, AT_TAG_RE.sub(drop_bot_tag, text))
    stripped = SPACES_RE.sub(" ", stripped).strip(" ,:")
    spans = [MentionSpan(m.start(), m.end(), m.group(1).strip()) for m in AT_TAG_RE.finditer(stripped)]
    spans += [MentionSpan(m.start(), m.end(), m.group(1)) for m in HANDLE_RE.finditer(stripped)
              if not any(s.start <= m.start() < s.end for s in spans)]
    return Cleaned(stripped, sorted(spans, key=lambda s: s.start))


def merge(spans: list[MentionSpan], resolved: list[Mention]) -> list[Mention]:
    """Mentions in text order, carrying platform ids the channel resolved (text_mention, Teams AAD ids)."""
    if not spans and not resolved:
        return []
    by_name = {m.name.lower(): m for m in resolved}
    merged: list[Mention] = []
    for span in spans:
        known = by_name.pop(span.name.lower(), None)
        merged.append(known or Mention(span.name))
    merged += list(by_name.values())  # text_mention entities have no @ in the text
    return merged


# a question put to the person mentioned first: "@nadia did you book the hotel yet?", "@rafi r u coming"
ASKED_OF_THEM_RE = re.compile(r"[\s,:]*(?:(?:did|have|has|are|were|will|would|can|could|r) (?:you|u)\b|"
                              # "@tasnim how much did the caterer quote?": what someone else asked, not our records
                              r"how much (?:did|does|will|is|was) (?:the|that|this|your|ur|his|her|their) |"
                              # "@Mamun send me the NOCS target sheet", "@Jewel tui ki 41002388 er file ta scan korsos?"
                              r"(?:(?:pls|please|can you|could you) )?(?:send|forward|mail|share) me\b|"
                              r"(?:pls|plz|please) (?:send|forward|mail|share|check|dekho|dekhen)\b"
                              r"(?![^,.;]*\b(?:pathaisi|pathalam|"
                              r"dilam|disi|korsi|paid|sent)\b)|"
                              r"(?:tui|tumi|apni|tora|tomra|apnara) ki\b|"
                              r"(?:tor|tomar|apnar) kache koto\b(?! (?:pai|pabo|paona|pawna)\b)|"
                              # "@karim ticket koto porse?": what it cost them
                              r"(?:\S+ ){0,3}koto (?:porse|porlo|lagse|laglo|nise|nilo|nilen|hoise|holo)\b)")
# … and more said after it ("@nadia are you sure? i paid 800"; not "the 1,200 deposit")
MORE_SAID_RE = re.compile(r"[.?!;]\s*\w|,\s*(?!\d)\w")


def asked_of(lower: str, mention: MentionSpan) -> bool:
    """The whole message is a question put to the person mentioned at its start (nothing more said after it)."""
    asked = ASKED_OF_THEM_RE.match(lower, mention.end)
    return asked is not None and MORE_SAID_RE.search(lower, asked.end()) is None
