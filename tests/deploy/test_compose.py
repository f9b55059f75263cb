"""docker-compose.yml is a valid Compose file (the specification's JSON schema) with the shape production
relies on: app replicas behind an nginx proxy, a worker, PostgreSQL and Redis, each health-checked, each
started only when what it needs is healthy. Docker does not run here, so this is the check it gets."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.data import COMPOSE_SPEC

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
NGINX = ROOT / "deploy" / "nginx" / "switchboard.conf"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(COMPOSE_SPEC.read_text())
    assert "draft-07" in schema["$schema"]
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(loaded, dict)
    return loaded


def errors(validator: jsonschema.Draft7Validator, document: dict[str, Any]) -> list[str]:
    found = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def test_the_compose_file_follows_the_compose_specification(validator: jsonschema.Draft7Validator,
                                                            compose: dict[str, Any]) -> None:
    assert errors(validator, compose) == []


@pytest.mark.parametrize("break_it", [
    lambda c: c["services"]["app"]["healthcheck"].update(interval=10),  # durations are strings ("10s")
    lambda c: c["services"]["app"].update(depends_on={"redis": {"condition": "when_ready"}}),
    lambda c: c["services"]["worker"].update(replicas=2),  # belongs under deploy:
    lambda c: c.update(service={}),
    lambda c: c["services"]["app"].update(env_file=[{"file": ".env"}]),  # an entry names its `path`
])
def test_the_schema_check_catches_a_broken_file(validator: jsonschema.Draft7Validator, compose: dict[str, Any],
                                                break_it: Any) -> None:
    broken = copy.deepcopy(compose)
    break_it(broken)
    assert errors(validator, broken)


def test_every_service_is_health_checked_and_waits_for_healthy_dependencies(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"app", "worker", "postgres", "redis", "proxy"} <= set(services)
    for name in ("app", "worker", "postgres", "redis", "proxy"):
        check = services[name].get("healthcheck", {})
        assert check.get("test") and not check.get("disable"), name
    assert services["app"]["deploy"]["replicas"] >= 2
    assert "healthz" in " ".join(services["app"]["healthcheck"]["test"])
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(services["redis"]["healthcheck"]["test"])

    def waits_for(service: str) -> dict[str, str]:
        return {name: dep["condition"] for name, dep in services[service]["depends_on"].items()}

    for service in ("app", "worker"):
        assert waits_for(service) == {"migrate": "service_completed_successfully",
                                      "postgres": "service_healthy", "redis": "service_healthy"}
    assert waits_for("migrate") == {"postgres": "service_healthy"}
    assert waits_for("proxy") == {"app": "service_healthy"}
    assert services["migrate"]["command"] == ["switchboard", "db", "upgrade"]
    assert services["worker"]["command"] == ["switchboard", "worker"]


def test_the_proxy_is_the_one_way_in_and_balances_the_replicas(compose: dict[str, Any]) -> None:
    services = compose["services"]
    app, proxy = services["app"], services["proxy"]
    # replicas cannot share a host port: only the proxy publishes one
    assert "ports" not in app
    assert [name for name, service in services.items() if service.get("ports")] == ["proxy"]
    command = app["command"]
    port = int(command[command.index("--port") + 1])
    assert f"127.0.0.1:{port}/healthz" in " ".join(app["healthcheck"]["test"])

    mounts = [volume.split(":") for volume in proxy["volumes"]]
    assert [(src, dst) for src, dst, *_ in mounts] == [
        ("./deploy/nginx/switchboard.conf", "/etc/nginx/conf.d/default.conf")]
    conf = NGINX.read_text()
    assert re.search(rf"^\s*server app:{port} resolve;", conf, re.M), "the upstream must be every app replica"
    listen = re.search(r"^\s*listen (\d+);", conf, re.M)
    assert listen and proxy["ports"] == [f"8080:{listen.group(1)}"]
    assert "/proxy-healthz" in " ".join(proxy["healthcheck"]["test"]) and "location = /proxy-healthz" in conf


def test_everything_the_file_refers_to_is_in_the_repository(compose: dict[str, Any]) -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for name, service in compose["services"].items():
        if "build" in service:
            assert (ROOT / service["build"] / "Dockerfile").is_file(), name
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).is_file(), (name, source)
        check = service.get("healthcheck", {}).get("test", [])
        scripts = [part for part in check if part.startswith("deploy/")]
        for script in scripts:  # run inside the image: deploy/ must be copied into it
            assert (ROOT / script).is_file() and re.search(r"^COPY deploy deploy$", dockerfile, re.M), script


def test_a_fresh_clone_starts_without_a_dotenv_file(compose: dict[str, Any]) -> None:
    """.env holds the secrets and is never committed: the image's services read it when it is there and
    start without it (the database and Redis addresses are set in the file itself)."""
    for name, service in compose["services"].items():
        if "build" not in service:
            continue
        assert service["env_file"] == [{"path": ".env", "required": False}], name
        assert {"DATABASE_URL", "REDIS_URL"} <= set(service["environment"]), name


def test_the_build_context_leaves_out_local_state_and_secrets() -> None:
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert {".git", ".venv", "/data", "/exports", "**/__pycache__", ".env"} <= ignored
    copied = re.findall(r"^COPY (.+) \S+$", (ROOT / "Dockerfile").read_text(), re.M)
    sources = {source for line in copied for source in line.split()}
    assert "deploy" in sources and not sources & ignored
