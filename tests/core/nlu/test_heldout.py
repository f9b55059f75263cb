"""Held-out figures, computed on every run: CLINC150's `test`/`oos_test` and our corpus's test split, none of which
the rules or the classifier were tuned or trained on."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.parsing import intent_classifier
from bench.rasa_demo import measure as measure_rasa
from core.nlu.clinc import measure
from core.nlu.evaluate import REFERENCE_NOW, load, score
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser
from tests.data import CLINC150, RASA_FINANCIAL_DEMO

WRITES = {"record_transaction", "settle_up", "budget_set", "correct_entry", "undo_last"}
PARSER = OfflineParser(RuleParser(bot_names=frozenset({"Switchboard"})), intent_classifier())
DATA = Path(__file__).resolve().parents[2] / "data"
PEOPLE = DATA / "nlu_corpus_people.jsonl"
BANKING = DATA / "nlu_corpus_banking.jsonl"


@pytest.mark.parametrize("split", ["test", "oos_test"])
def test_requests_outside_finance_almost_never_get_a_write(split: str) -> None:
    """The issue's target: at most 0.5 % of requests outside banking and credit cards become a write."""
    heldout = measure(PARSER, CLINC150, split)
    assert heldout.requests >= 1000
    assert heldout.write_share <= 0.005, heldout.writes


def test_spending_and_transaction_questions_are_understood() -> None:
    """Floors, below the issue's 90 % target (not met): what rules + classifier reached, 25 and 26 of 30."""
    mapped = measure(PARSER, CLINC150, "test").mapped
    assert mapped["spending_history"][1] == mapped["transactions"][1] == 30
    assert mapped["spending_history"][0] >= 25
    assert mapped["transactions"][0] >= 26


def test_our_corpus_test_split_is_mostly_understood() -> None:
    """Written by someone who had not seen the rules; every fourth line held out. A floor at what we reach (81 %)."""
    held_out = [item for item in load(PEOPLE) if item["split"] == "test" and "source" not in item]
    assert len(held_out) >= 250
    result = score(PARSER, held_out)
    assert result.intent_accuracy >= 0.8, result.intent_errors[:20]
    assert result.amount_exact >= 0.9, result.entity_errors[:20]


@pytest.mark.parametrize(("source", "size", "floor"), [("banking-2", 234, 0.97), ("banking-4", 300, 0.9),
                                                        ("banking-8b", 190, 0.9), ("banking-10", 296, 0.9),
                                                        ("banking-12b", 194, 0.84),
                                                        ("banking-13b", 143, 0.82),
                                                        ("banking-14b", 150, 0.92),
                                                        ("banking-15b", 154, 0.93),
                                                        ("banking-16b", 145, 0.85),
                                                        ("banking-17b", 147, 0.94),
                                                        ("banking-18b", 150, 0.9),
                                                        ("banking-19b", 126, 0.89),
                                                        ("banking-20b", 136, 0.9),
                                                        ("banking-21b", 147, 0.96),
                                                        ("banking-22b", 149, 0.9),
                                                        ("banking-23b", 125, 0.9),
                                                        ("banking-24b", 111, 0.92),
                                                        ("banking-25b", 108, 0.93),
                                                        ("banking-26b", 98, 0.95),
                                                        ("banking-27b", 104, 0.92),
                                                        ("banking-28b", 109, 0.92),
                                                        ("banking-29b", 102, 0.92)])
def test_banking_questions_only_ever_scored_are_understood(source: str, size: int, floor: float) -> None:
    """Spending, transaction and budget questions written by someone who had not seen the parser, only ever scored
    (banking-2's labels moved once to the card/shop convention; banking-8b, 12b, 13b, 14b, 15b, 16b and 17b are the
    halves of banking-8, 12, 13, 14, 15, 16 and 17 whose misses were never read; banking-13 and 16 are written as
    people in Bangladesh write, English, Bengali-English and Bengali script, and label greetings "unknown"; banking-14
    and 17 as crowd workers write, banking-15 as everyday users of many kinds): floors just under what rules +
    classifier reach. banking-18 (crowd-worker style, written 2026-12-06) is scored as its writer labelled it: a few
    of its figures asked of named records ("add up my amazon purchases") are summaries there, lists by our
    convention. banking-19 (crowd-worker style, written 2026-12-06: spending, entries and budgets beside other banking;
    41 of its lines already in the corpus dropped) is halved the same way, and so are banking-20 (spending questions
    and near misses typed to a money assistant), banking-21 (crowd workers shown intent descriptions like CLINC150's)
    and banking-22 (South Asian English, a little Hindi, Tagalog and Bengali-English), all written 2026-12-06, and
    banking-23 (crowd workers handed one concrete scenario each, written 2026-12-06) and banking-24 (crowd workers'
    spending questions among other banking and an assistant's everyday requests, written 2026-12-07) and banking-25
    (crowd workers' spending totals in many wordings, purchases asked to be shown, and other requests of a bank or a
    phone's assistant, written 2026-12-07) and banking-26 (crowd workers' spending totals, purchases asked to be shown,
    purchases told and a bank's or a phone's other requests, written 2026-12-07; 28 dropped) and banking-27 (forty
    kinds of people asking a bank's or a phone's assistant for their spending totals in many words, their purchases,
    and near misses, written 2026-12-07; 8 dropped) and banking-28 (some forty crowd workers' spending totals,
    transactions asked to be shown, budgets and near misses, written 2026-12-07; 55 dropped) and banking-29 (people
    talking to a voice assistant or a bank's bot: older people, parents, non-native speakers, teenagers, dictation
    with a reason before the question, written 2026-12-07; 38 dropped), their lines already in the corpus or in
    CLINC150 dropped."""
    blind = [item for item in load(BANKING) if item["source"] == source]
    assert len(blind) == size and {item["split"] for item in blind} == {"test"}
    accuracy = score(PARSER, blind).intent_accuracy  # a figure only: a failure shows no text
    assert accuracy >= floor


@pytest.mark.parametrize(("source", "size", "intent_floor", "amount_floor", "most_writes"), [
    ("people-2b", 134, 0.85, 0.9, 6), ("people-3b", 150, 0.87, 0.9, 3), ("ops-1b", 150, 0.83, 0.9, 6),
    ("people-4b", 150, 0.79, 0.85, 5), ("people-5b", 132, 0.8, 0.9, 5), ("ops-2b", 138, 0.8, 0.8, 5),
    ("people-6b", 147, 0.78, 0.9, 3), ("people-7b", 144, 0.86, 0.88, 3), ("people-8b", 147, 0.85, 0.9, 4),
    ("ops-3b", 146, 0.74, 0.75, 4), ("people-9b", 139, 0.89, 0.95, 3), ("ops-4b", 140, 0.8, 0.95, 5),
    ("people-10b", 144, 0.73, 0.85, 12), ("ops-5b", 146, 0.8, 0.95, 5), ("people-11b", 149, 0.82, 0.94, 6),
    ("ops-6b", 137, 0.82, 0.95, 5), ("people-12b", 151, 0.83, 0.9, 3), ("people-13b", 137, 0.83, 0.8, 5),
    ("ops-7b", 136, 0.86, 0.95, 8), ("people-14b", 137, 0.86, 0.85, 6), ("ops-8b", 143, 0.78, 0.95, 10),
    ("people-15b", 118, 0.83, 0.9, 4), ("ops-9b", 119, 0.87, 0.83, 5), ("people-16b", 128, 0.77, 0.84, 4),
    ("ops-10b", 128, 0.83, 0.95, 5), ("people-17b", 109, 0.8, 0.82, 3),
    ("ops-11b", 118, 0.8, 0.9, 4), ("people-18b", 121, 0.76, 0.72, 4), ("ops-12b", 114, 0.8, 0.85, 3),
    ("people-19b", 119, 0.87, 0.9, 4), ("people-20b", 114, 0.82, 0.9, 5), ("ops-13b", 112, 0.8, 0.85, 4),
    ("ops-14b", 103, 0.85, 0.0, 4), ("people-21b", 112, 0.85, 0.88, 5), ("ops-15b", 91, 0.76, 0.0, 3),
    ("people-22b", 104, 0.85, 0.93, 5), ("ops-16b", 112, 0.88, 0.95, 3), ("people-23b", 119, 0.87, 0.87, 2)])
def test_sets_people_wrote_are_understood_where_their_half_was_never_read(
        source: str, size: int, intent_floor: float, amount_floor: float, most_writes: int) -> None:
    """people-2, people-3 and people-4 (written 2026-12-06 by helpers who saw neither parser nor data, as people
    in group chats type: Bengali-English, Bengali script, notes, splits, settlements, corrections, plans and numbers
    that are no money), people-5 (written 2026-12-06 the same way: shopkeepers, a students' mess, a family group,
    office teams and a utility's staff; 35 of its 300 lines already in the corpus were dropped), people-6 (written
    2026-12-06 the same way: English-speaking users abroad, pounds, baht, yen, rupees and dollars; 11 lines dropped),
    people-7 (written 2026-12-06 the same way: typed fast on a phone, dictated, several sentences, amounts taken back
    in the same breath, emoji; 10 lines dropped), people-8 (written 2026-12-06 the same way: long polite sentences,
    a petty-cash keeper, a landlord, freelancers, a club's kitty, amounts said in Bengali and Bengali-English words;
    6 lines dropped),
    and ops-1 and ops-2 (a utility's staff in Teams and Telegram: lookups, batches, RC/DC, NOCS, alerts, jobs, and the
    incident, phone, order and meter-reading numbers around them; ops-2 written 2026-12-06, 22 lines already in the
    corpus dropped; ops-3, written 2026-12-06, a night shift acting on alerts and naming batches by their codes, 7
    dropped; ops-4, written 2026-12-06, a customer desk and a billing team on a busy day, 15 dropped), and people-9
    (written 2026-12-06 the same way: people asking about their records, budgets, debts and exports, with records and
    chatter close to those questions; 23 dropped), people-10 (written 2026-12-06 the same way: loans and repayments
    between friends, flatmates and family, shares, corrections; 12 dropped; its writer labels another person's payment
    to a third party "unknown", which our convention records, hence its writes), ops-5 (a month-end billing week
    and field work; 9 dropped), people-11 (written 2026-12-06 the same way: flatmates, couples, office friends and
    family money in three scripts, budgets per day and per year, corrections, chatter with numbers; 28 dropped) and
    ops-6 (a billing and IT operations team's day: lookups, batches by short codes, checks run again, alerts, NOCS
    and RC/DC; 30 dropped) and people-12 (shopkeepers, a tailor, a tuition teacher, a garage owner, a household, a
    student, in three scripts; 24 dropped), people-13 (written 2026-12-06 the same way: a mess, a couple, a wedding,
    a cricket team's kitty, office lunches and a shop, in three scripts; 21 dropped) and ops-7 (a distribution
    company's billing and IT staff on a busy day, chatter full of numbers that are neither lookups nor records; 25
    dropped), people-14 (written 2026-12-06 the same way: who paid for whom, splits, debts, paying back, corrections
    and lists; 32 dropped) and ops-8 (a customer-service desk: customers' numbers asked of the bot among numbers that
    are not; 13 dropped), people-15 (written 2026-12-06 the same way: a mess, a couple, a wedding family, friends on
    a trip and an office team in one week; 34 dropped) and ops-9 (an electricity distributor's staff in Teams and
    Telegram, with colleagues' talk around the requests; 29 dropped; two lines its writer labelled a NOCS balance,
    an agent's and a vendor's, relabelled "unknown": the brief had described NOCS wrongly), people-16 (written
    2026-12-07 the same way: flatmates, a family, friends on a trip, an office team and a newly married couple, with
    corrections, who paid and debts paid back in three scripts; 8 dropped) and ops-10 (an electricity distributor's
    customer care, billing, IT on-call and supervisors, with colleagues' talk around the requests; 17 dropped) and
    people-17 (written 2026-12-07 the same way: a flat of four, a family group, an office kitty, a shopkeeper and a
    couple saving for a wedding, with corrections of the kind, requests to record and counts; 36 dropped; amounts
    labelled by a second helper who saw neither parser nor data) and ops-11 (written 2026-12-07 the same way: a
    zonal office's desk, a billing section at month end, IT watching overnight batches, RC/DC and NOCS staff and a
    manager; 23 dropped) and people-18 (written 2026-12-07 the same way: a students' flat, a joint family, a trip to
    Cox's Bazar, a tailoring shop and a newly married couple; 6 dropped) and ops-12 (written 2026-12-07 the same way:
    billing at month end, prepaid meters and NOCS, the RC/DC desk, IT on call, and the staff's own tea-fund; 15
    dropped) and people-19 (written 2026-12-07 the same way: a rickshaw garage, a schoolteacher asking about her
    spending, an office car-pool, a family sending money, a freelancer paid in dollars and taka; 11 dropped) and
    people-20 (written 2026-12-07 the same way: a hostel mess, a family shopping for a wedding, a cricket club's fund,
    a pharmacy owner, a couple in London sending money home; 10 dropped) and ops-13 (written 2026-12-07 the same way:
    meter readers, the complaint desk, billing at month end, zonal offices, the NOCS and RC/DC desks, IT on call for
    the nightly batches; 26 dropped) and ops-14 (written 2026-12-07 the same way: a call centre, revenue officers, a
    prepaid vending desk, billing IT on night shift, engineers and linemen; 14 dropped; it holds no record, so its
    amount floor is nil) and people-21 (written 2026-12-07 the same way: a garment-worker couple, a home tutor, a
    rickshaw garage owner, a students' mess, a clothing page on Facebook; 17 dropped) and ops-15 (written 2026-12-07
    the same way: a NOCS office manager, a commercial officer, a meter-testing lab, a call-centre supervisor, billing
    support at month-end close, field staff on RC/DC; 21 dropped; no record) and people-22 (written 2026-12-07 the same
    way: three sisters sharing their parents' medical costs, a tea stall, an office lunch club, a married couple in
    Chattogram, an online tuition business; 11 dropped) and ops-16 (written 2026-12-07 the same way: a zonal
    office's customer desk on a busy Sunday, a billing team at month end, IT on night shift, RC/DC coordinators, NOCS
    managers and a trainee who does not know the bot's words; 12 dropped) and people-23 (written 2026-12-07 the same
    way: a bachelor mess in Mirpur, a family's grocery shop and pharmacy, friends on a trip to Sylhet and Cox's
    Bazar, a freelancer paid in dollars, a mother's household accounts, students splitting food; 17 dropped) are
    halved by the line's
    place in the file as written (lines the writers quoted back in their reports moved to the a halves): the a
    halves' misses were read to mend rules, the b halves have only ever been scored. Floors just under what rules +
    classifier reach: the intent, the amount and direction of each record, and no write proposed where none was
    meant."""
    blind = [item for item in load(PEOPLE) if item.get("source") == source]
    assert len(blind) == size and {item["split"] for item in blind} == {"test"}
    result = score(PARSER, blind)
    intents, amounts = result.intent_accuracy, result.amount_exact  # figures only: a failure shows no text
    assert intents >= intent_floor
    assert amounts >= amount_floor
    writes = [item for item in blind if item["intent"] not in WRITES and PARSER.parse_sync(
        item["text"], mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka").name in WRITES]
    assert len(writes) <= most_writes, len(writes)


def test_other_banking_requests_are_not_taken_for_ledger_writes() -> None:
    """Balances, transfers, lost cards, disputes… as a bank's customer asks: none may become a preview to save."""
    others = [item["text"] for item in load(BANKING) if item["intent"] == "unknown"]
    assert len(others) >= 100
    writes = [text for text in others if PARSER.parse_sync(
        text, mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka").name in {"record_transaction", "settle_up",
                                                                          "budget_set", "correct_entry"}]
    assert len(writes) <= 0.02 * len(others), writes


def test_a_bot_trained_by_other_people_finds_its_spending_questions_understood_here() -> None:
    """Rasa's financial-demo examples, written by people apart from us: its "search transactions" questions are all
    ledger questions here (summary or list), and none of its other requests (balances, greetings, transfer
    charges…) becomes a write. Floors at what rules + classifier reach."""
    figures = measure_rasa(PARSER, RASA_FINANCIAL_DEMO)
    assert figures["search_transactions_read_as_ledger_question"] >= 0.96, figures["search_transactions_by_intent"]
    assert figures["check_earnings_read_as_income"] >= 0.7
    assert figures["other_requests"] >= 300 and figures["other_requests_given_a_write"] == 0

