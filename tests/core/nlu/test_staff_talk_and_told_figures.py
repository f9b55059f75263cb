"""Staff talking among themselves in an operations chat, and figures told rather than paid, as the offline parser
reads them: a colleague asked is no request to the bot, a target or an exchange rate is no record."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize("text", ["Q3 target 18 crore tk", "ajke rate 121.5 dollar er", "today's rate 121 dollar er",
                                  "customer bolse 2000 tk recharge korse kintu token pay nai",
                                  "collected 8.5 lakh today at mirpur counter"])
def test_a_figure_told_is_no_record(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "amount"), [("spent 1200 at target", "1200"),
                                             ("paid 500 tk, dollar rate 121", "500"),
                                             ("prepaid meter e 1000 recharge pathalam", "1000"),
                                             ("coaching batch er fee 3000 pathalam", "3000"),
                                             ("send $20 to rahim yesterday", "20"),
                                             ("bought shoes for 2500, can i get a refund if they dont fit?", "2500"),
                                             ("bought 2 smoke alarms 3000", "3000"), ("800 alarm clock", "800")])
def test_money_paid_beside_such_words_is_still_recorded(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction" and entities["amount"] == amount


@pytest.mark.parametrize("text", [
    "@Karim meter 541200883716 er tamper case ta tomar?", "nocs portal e login hocche na keu check korben?",
    "@Rafiq batch ta ami restart dilam, tumi monitor koro", "rcdc vendor er sathe meeting 4 tay",
    "nocs er invoice ta accounts e pathaisi", "41877302 ei customer er bill ta vul ashche, @Nusrat dekho to",
])
def test_a_colleague_spoken_to_or_told_is_no_request_to_the_bot(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "intent"), [
    ("meter 661234567 er recharge", "customer_lookup"), ("31007789 er last 3 ta payment", "customer_lookup"),
    ("need details of meter 45012239871, customer says token not accepted", "customer_lookup"),
    ("nocs balance dekhao", "nocs_balance"), ("sob nocs er balance ta lagbe meeting er jonno", "nocs_balance"),
    ("rcdc meeting er agey report dekhao", "rcdc_dashboard"),
    ("customer 41002388 call korse, last payment kobe", "customer_lookup"),
    ("meter 12345678 er customer complain korse, last reading", "customer_lookup"),
])
def test_what_is_asked_of_the_bot_is_still_answered(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize("text", ["batch 5 er file pathaisi", "batch er 2 no file ta forward korsi", "ack 12 korsi",
                                  "19 ar 20 ack korsi", "mute 5 2", "snooze 12 30"])
def test_files_counted_and_alerts_told_done_are_no_money_and_no_command(text: str) -> None:
    assert parse(text)[0] not in ("record_transaction", "alert_update")


@pytest.mark.parametrize("text", ["sir, summary ta kal sokale pathabo", "data entry te vul ase, check kore janabo",
                                  "report ta kal sir ke mail korbo"])
def test_what_the_sender_will_send_or_tell_someone_is_talk(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "talk"})


@pytest.mark.parametrize(("text", "category"), [
    ("summary ta pathao", None), ("ei mashe khoroch er summary pathao", None),  # "pathao" asks it sent
    ("report ta kal pathabo?", None),  # asked, not told
    ("pathao te koto khoroch holo ei mashe", "transport"),  # the ride
])
def test_a_summary_asked_to_be_sent_is_read_and_pathao_names_a_ride_only_as_a_thing(text: str,
                                                                                   category: str | None) -> None:
    name, entities = parse(text)
    assert name == "spending_summary" and entities.get("category") == category
