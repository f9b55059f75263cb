"""Builds the parser chain of a deployment: rules, plus the OpenAI parser when one is configured."""
from __future__ import annotations

import functools

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import Settings
from core.nlu.categories import Categoriser
from core.nlu.chain import ParserChain
from core.nlu.classifier import MODEL_PATH, IntentClassifier
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser
from core.store import Store


def rule_parser(settings: Settings, categories: Categoriser | None = None) -> RuleParser:
    return RuleParser(customer_id_lengths=tuple(settings.customer_id_lengths),
                      bot_names=frozenset(settings.bot_names),
                      categories=categories or Categoriser(settings.category_keywords))


@functools.cache
def intent_classifier() -> IntentClassifier | None:
    """The committed classifier, loaded once per process (None if the model file was removed)."""
    return IntentClassifier.load(MODEL_PATH) if MODEL_PATH.exists() else None


def offline_parser(settings: Settings, categories: Categoriser | None = None) -> OfflineParser:
    return OfflineParser(rule_parser(settings, categories), intent_classifier())


def make_parser(settings: Settings, store: Store, sessions: async_sessionmaker[AsyncSession] | None,
                categories: Categoriser | None = None, *, use_llm: bool | None = None) -> ParserChain:
    rules = offline_parser(settings, categories)
    if not (settings.llm_configured if use_llm is None else use_llm):
        return ParserChain(rules)
    from openai import AsyncOpenAI

    from integrations.openai_parser import OpenAIParser, Pricing

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    client = AsyncOpenAI(api_key=key, base_url=settings.openai_base_url, max_retries=0,
                         timeout=settings.openai_timeout_seconds)
    llm = OpenAIParser(client, model=settings.openai_model, store=store, sessions=sessions,
                       timeout=settings.openai_timeout_seconds, quota_per_hour=settings.llm_quota_per_hour,
                       cache_seconds=settings.llm_cache_seconds,
                       pricing=Pricing(settings.llm_price_input_per_million, settings.llm_price_output_per_million))
    return ParserChain(rules, llm, settings.llm_confidence_threshold)
