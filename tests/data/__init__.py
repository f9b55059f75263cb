"""Files the tests and benchmarks read, all inside the repository (a clone needs nothing beside it).

Third-party files live under `conformance/`, one folder per upstream repository with its licence;
`conformance/SOURCES.md` says where each came from.
"""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent
CONFORMANCE = DATA / "conformance"

NLU_CORPUS = DATA / "nlu_corpus.jsonl"
TELEGRAM_BOT_API = CONFORMANCE / "telegram-bot-api-spec" / "api.min.json"
BOTFRAMEWORK_SCHEMA = CONFORMANCE / "botframework" / "botframework-sdk" / "schemas" / "protocol" / "botframework.json"
ADAPTIVE_CARD_1_5 = CONFORMANCE / "adaptivecards" / "schemas" / "1.5.0" / "adaptive-card.json"
CLINC150 = CONFORMANCE / "clinc150" / "data" / "data_full.json"
RECOGNIZERS_CURRENCY = CONFORMANCE / "recognizers-text" / "Specs" / "NumberWithUnit" / "English" / "CurrencyModel.json"
RASA_FINANCIAL_DEMO = CONFORMANCE / "rasa-financial-demo" / "data" / "nlu" / "nlu.yml"
COMPOSE_SPEC = CONFORMANCE / "compose-spec" / "schemas" / "compose.schema.json"
