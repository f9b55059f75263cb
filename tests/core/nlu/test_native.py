"""The compiled parser: used only when built from the sources beside it, and answering as the interpreted one does."""
from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.nlu import native
from core.nlu.evaluate import REFERENCE_NOW, load
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser
from tests.conftest import IN_CI
from tests.data import NLU_CORPUS

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the parser's sources and the core modules they are compiled against, with a build manifest."""
    monkeypatch.delenv(native.OFF_SWITCH, raising=False)  # whatever runs these tests, the copy's build is judged
    copy = tmp_path / "core" / "nlu"
    copy.mkdir(parents=True)
    for source in native.PACKAGE_DIR.glob("*.py"):
        shutil.copy2(source, copy / source.name)
    for name in native.COMPILED_AGAINST:
        shutil.copy2(native.PACKAGE_DIR.parent / name, copy.parent / name)
    built = copy / "_native"
    (built / native.GROUP_DIR).mkdir(parents=True)
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for source in native.compiled_sources(copy):
        (built / f"{source.stem}{suffix}").write_bytes(b"compiled " + source.stem.encode())
    (built / native.GROUP_DIR / f"{native.GROUP}{suffix}").write_bytes(b"the group's code")
    manifest = {**native.fingerprint(copy), native.LIBRARIES: native.library_sizes(built)}
    (built / native.MANIFEST).write_text(json.dumps(manifest))
    return copy


def test_a_build_made_from_these_sources_is_fresh(package: Path) -> None:
    assert native.stale_reason(package / "_native", package) is None


def test_a_changed_source_makes_the_build_stale_and_the_parser_runs_interpreted(package: Path) -> None:
    rules = package / "rules.py"
    rules.write_text(rules.read_text() + "\n# edited\n")
    path = ["sources"]
    runs = native.enable(path, package / "_native", package)
    assert runs == "interpreted: sources changed since the build: nlu/rules.py"
    assert path == ["sources"]  # the compiled modules were not put first


def test_a_change_to_a_core_module_the_parser_is_compiled_against_makes_it_stale(package: Path) -> None:
    intents = package.parent / "intents.py"
    intents.write_text(intents.read_text() + "\n# edited\n")
    assert native.stale_reason(package / "_native", package) == "sources changed since the build: intents.py"


def test_a_build_for_another_python_or_none_at_all_is_not_used(package: Path) -> None:
    manifest = package / "_native" / native.MANIFEST
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "python": "cpython-310"}))
    assert native.stale_reason(package / "_native", package) == \
        f"built for cpython-310, running {sys.implementation.cache_tag}"
    manifest.unlink()
    assert native.enable([], package / "_native", package) == "interpreted: not built (python -m core.nlu.build)"


def test_a_library_cut_short_or_missing_makes_the_build_unusable(package: Path) -> None:
    """A copy stopped halfway is never loaded (a cut-short library can kill the process that loads it)."""
    built = package / "_native"
    rules = next(built.glob("rules.*"))
    rules.write_bytes(rules.read_bytes()[:3])
    assert native.stale_reason(built, package) == f"the build is incomplete: {rules.name}"
    rules.unlink()
    assert native.enable([], built, package) == f"interpreted: the build is incomplete: {rules.name}"


def test_a_manifest_without_a_module_s_library_is_unusable(package: Path) -> None:
    manifest = package / "_native" / native.MANIFEST
    built = json.loads(manifest.read_text())
    built[native.LIBRARIES] = {name: size for name, size in built[native.LIBRARIES].items()
                               if not name.startswith("money.")}
    manifest.write_text(json.dumps(built))
    assert native.stale_reason(package / "_native", package) == "the build lists no library for money"


def test_a_manifest_whose_libraries_are_no_list_is_unreadable(package: Path) -> None:
    manifest = package / "_native" / native.MANIFEST
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), native.LIBRARIES: ["rules.so"]}))
    assert native.enable([], package / "_native", package).startswith("interpreted: unreadable build manifest")


def test_the_off_switch_runs_the_parser_interpreted(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(native.OFF_SWITCH, "0")
    path: list[str] = []
    assert native.enable(path, package / "_native", package) == f"interpreted: {native.OFF_SWITCH}=0"
    assert path == []


@pytest.mark.skipif(not IN_CI, reason="CI builds the compiled parser (./dev); a checkout may not have")
def test_ci_runs_the_compiled_parser() -> None:
    import core.nlu.rules

    assert core.nlu.RUNS == "compiled"
    assert core.nlu.rules.__spec__ is not None and core.nlu.rules.__spec__.origin is not None
    assert Path(core.nlu.rules.__spec__.origin).is_relative_to(native.NATIVE_DIR)


def test_the_compiled_and_the_interpreted_parser_give_the_same_answers() -> None:
    """The corpus read in this process (compiled when built) and in one that runs the sources as they are."""
    script = (
        "import json, sys\n"
        "import core.nlu\n"
        "from core.nlu.evaluate import REFERENCE_NOW, load\n"
        "from core.nlu.offline import OfflineParser\n"
        "from core.nlu.rules import RuleParser\n"
        "from app.parsing import intent_classifier\n"
        "from tests.data import NLU_CORPUS\n"
        "parser = OfflineParser(RuleParser(bot_names=frozenset({'Switchboard'})), intent_classifier())\n"
        "answers = [parser.parse_sync(item['text'], mentions=[], now=REFERENCE_NOW, tz='Asia/Dhaka')"
        " for item in load(NLU_CORPUS)]\n"
        "print(json.dumps([core.nlu.RUNS, [[a.name, a.confidence, a.entities, a.reason] for a in answers]],"
        " default=str))\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, native.OFF_SWITCH: "0"})
    runs, theirs = json.loads(run.stdout)
    assert runs == f"interpreted: {native.OFF_SWITCH}=0"

    from app.parsing import intent_classifier

    parser = OfflineParser(RuleParser(bot_names=frozenset({"Switchboard"})), intent_classifier())
    ours = [parser.parse_sync(item["text"], mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka")
            for item in load(NLU_CORPUS)]
    assert json.loads(json.dumps([[a.name, a.confidence, a.entities, a.reason] for a in ours], default=str)) == theirs
    assert len(theirs) > 400
