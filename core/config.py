"""Typed settings read once from the environment (and `.env`); every field is documented in the README."""
from __future__ import annotations

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

from core.money import validate_currency


class Settings(BaseSettings):
    """All settings of one deployment. Secrets are `SecretStr` so they never print or log in full."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # storage
    database_url: str = "sqlite+aiosqlite:///data/switchboard.db"
    redis_url: str | None = None
    db_pool_size: int = 20

    # web
    host: str = "127.0.0.1"
    port: int = 8080
    web_workers: int = 1
    log_level: str = "INFO"
    log_json: bool = False

    # conversation
    default_currency: str = "BDT"
    locale: str = "en_IN"
    timezone: str = "Asia/Dhaka"
    max_message_chars: int = 4000
    max_amount: str = "100000000"
    rate_limit_per_minute: int = 30
    draft_ttl_seconds: int = 900
    undo_window_seconds: int = 86400
    autosave_min_confidence: float = 0.9
    dedup_ttl_seconds: int = 86400
    inbound_lease_seconds: float = 30.0
    link_code_ttl_seconds: int = 900
    identity_cache_seconds: float = 15.0
    category_keywords: dict[str, list[str]] = Field(default_factory=dict)
    import_max_bytes: int = 5_000_000

    # delivery (outbox)
    outbox_poll_seconds: float = 2.0
    outbox_max_attempts: int = 8
    outbox_batch_size: int = 50
    outbox_keep_days: int = 30

    # admin page
    admin_secure_cookies: bool = False

    # alerts (push API, escalation)
    alerts_per_key_per_minute: int = 120
    alert_escalate_after_minutes: int = 15
    alert_escalation_topic: str = "escalation"
    alert_sweep_schedule: str = "* * * * *"

    # scheduled leader jobs (cron text in TIMEZONE; empty: off) and the leader lock
    outbox_prune_schedule: str = "30 3 * * *"
    scheduler_lock_seconds: float = 30.0
    scheduler_misfire_grace_seconds: int = 300

    # Telegram
    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_url: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    telegram_mode: str = "webhook"
    telegram_answer_all_in_groups: bool = False
    telegram_max_connections: int = 40
    telegram_send_per_second: float = 28.0

    # Microsoft Teams (Bot Framework)
    microsoft_app_id: str = ""
    microsoft_app_password: SecretStr | None = None
    microsoft_app_type: str = "MultiTenant"
    microsoft_app_tenant_id: str = ""
    microsoft_allowed_tenants: list[str] = Field(default_factory=list)
    microsoft_keys_timeout_seconds: float = 5.0
    teams_enabled: bool = False
    teams_webhook_default: SecretStr | None = None
    teams_webhook_batch_monitoring: SecretStr | None = None
    teams_webhook_alerts: SecretStr | None = None

    def teams_webhooks(self) -> dict[str, str]:
        named = {"DEFAULT": self.teams_webhook_default, "BATCH_MONITORING": self.teams_webhook_batch_monitoring,
                 "ALERTS": self.teams_webhook_alerts}
        return {name: url.get_secret_value() for name, url in named.items() if url}

    # customer lookups (Oracle CC&B, read-only; the demo database by default)
    ccb_database_url: str = "sqlite+aiosqlite:///data/ccb_demo.db"
    ccb_sql_dir: str | None = None
    ccb_pool_size: int = 10
    ccb_query_timeout_seconds: float = 10.0
    ccb_currency: str = "BDT"
    lookup_rate_per_minute: int = 10
    lookup_months: int = 3
    lookup_unmasked_chats: list[str] = Field(default_factory=list)

    # operations monitoring (batch runs, NOCS balance, RC/DC) on CC&B
    monitor_batch_schedule: str = "*/30 * * * *"
    monitor_nocs_schedule: str = "0 * * * *"
    monitor_rcdc_schedule: str = "0 * * * *"
    monitor_stuck_min_seconds: int = 600
    monitor_stuck_min_rps: float = 1.0
    monitor_slow_rps: float = 50.0
    monitor_good_rps: float = 100.0
    monitor_warning_after_seconds: int = 3600
    monitor_stuck_after_seconds: int = 7200
    monitor_realert_seconds: int = 7200
    monitor_history_days: int = 30
    monitor_demo_seconds: float = 30.0
    nocs_query_timeout_seconds: float = 900.0

    # intent parser
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout_seconds: float = 8.0
    llm_confidence_threshold: float = 0.7
    llm_quota_per_hour: int = 50
    llm_cache_seconds: int = 86400
    llm_price_input_per_million: float = 0.15
    llm_price_output_per_million: float = 0.60
    customer_id_lengths: list[int] = Field(default_factory=lambda: [8, 9, 10])
    bot_names: list[str] = Field(default_factory=list)

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)

    @field_validator("default_currency")
    @classmethod
    def _currency_is_iso(cls, value: str) -> str:
        return validate_currency(value)

    def secret_values(self) -> list[str]:
        """Every configured secret, for the log filter that masks them."""
        secrets = [value.get_secret_value() for value in (
            self.openai_api_key, self.telegram_bot_token, self.telegram_webhook_secret,
            self.microsoft_app_password, self.teams_webhook_default, self.teams_webhook_batch_monitoring,
            self.teams_webhook_alerts) if value]
        for url in (self.database_url, self.redis_url or "", self.ccb_database_url):
            password = make_url(url).password if "://" in url else None
            if password:
                secrets.append(str(password))
        return secrets
