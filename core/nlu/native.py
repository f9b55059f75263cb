"""Runs the parser's mypyc-compiled modules (`python -m core.nlu.build`) when built from the sources beside them."""
from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from collections.abc import MutableSequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
NATIVE_DIR = PACKAGE_DIR / "_native"
MANIFEST = "manifest.json"
LIBRARIES = "libraries"  # the manifest's list of the build's libraries and their sizes
GROUP = "switchboard_nlu__mypyc"  # the shared library every compiled module of the group calls into
GROUP_DIR = "lib"  # beside the modules, not among them: the package lists its modules, and this is none
# Left interpreted: what runs once (training, evaluation), the building and loading, and the chain (it awaits the
# network, and tests swap its `parse` on an instance, which a compiled class does not allow).
NOT_COMPILED = frozenset({"__init__", "native", "build", "train", "crossval", "evaluate", "clinc", "validate",
                          "chain"})
# The core modules the parser's code is compiled against: a change to one of them asks for a new build too.
COMPILED_AGAINST = ("intents.py", "turn.py", "money.py")
OFF_SWITCH = "SWITCHBOARD_NLU_NATIVE"  # "0" runs the parser interpreted even when a fresh build is there

log = logging.getLogger(__name__)


def compiled_sources(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(path for path in package_dir.glob("*.py") if path.stem not in NOT_COMPILED)


def fingerprint(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """What a build was made from: the Python it runs on and the hash of each source it compiled or depends on."""
    sources = [*compiled_sources(package_dir), *(package_dir.parent / name for name in COMPILED_AGAINST)]
    return {"python": sys.implementation.cache_tag or "",
            **{path.relative_to(package_dir.parent).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
               for path in sources}}


def stale_reason(native_dir: Path = NATIVE_DIR, package_dir: Path = PACKAGE_DIR) -> str | None:
    """Why the build in `native_dir` cannot be used for these sources, or None when it can."""
    try:
        built = json.loads((native_dir / MANIFEST).read_text())
    except FileNotFoundError:
        return "not built (python -m core.nlu.build)"
    except (OSError, ValueError) as error:
        return f"unreadable build manifest: {error}"
    current = fingerprint(package_dir)
    if built.get("python") != current["python"]:
        return f"built for {built.get('python')}, running {current['python']}"
    changed = sorted(name for name in current.keys() | built.keys() if name not in ("python", LIBRARIES)
                     and current.get(name) != built.get(name))
    if changed:
        return f"sources changed since the build: {', '.join(changed)}"
    libraries = built.get(LIBRARIES, {})
    if not isinstance(libraries, dict):
        return "unreadable build manifest: its libraries are no list of names and sizes"
    missing = [stem for stem in (source.stem for source in compiled_sources(package_dir))
               if not any(name.startswith(stem + ".") for name in libraries)]
    if missing or not any(name.startswith(GROUP_DIR + "/") for name in libraries):
        return f"the build lists no library for {', '.join(missing) or 'the group'}"
    broken = sorted(name for name, size in libraries.items() if _size(native_dir / name) != size)
    return f"the build is incomplete: {', '.join(broken)}" if broken else None


def library_sizes(native_dir: Path) -> dict[str, int]:
    """Each compiled library of a build, by its path under `native_dir`, and its size (a cut-short copy is told)."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return {path.relative_to(native_dir).as_posix(): path.stat().st_size
            for path in sorted(native_dir.rglob("*")) if path.name.endswith(suffixes)}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def enable(package_path: MutableSequence[str], native_dir: Path = NATIVE_DIR, package_dir: Path = PACKAGE_DIR) -> str:
    """Puts the compiled modules ahead of the sources on the package's path when they were built from these sources;
    says which runs ("compiled", or "interpreted: why")."""
    if os.environ.get(OFF_SWITCH, "1") == "0":
        return f"interpreted: {OFF_SWITCH}=0"
    if (reason := stale_reason(native_dir, package_dir)) is not None:
        if native_dir.exists():
            log.warning("the parser runs interpreted (slower, same answers): %s", reason)
        return f"interpreted: {reason}"
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    group = next((path for path in (native_dir / GROUP_DIR).glob(GROUP + ".*") if path.name.endswith(suffixes)),
                 None)
    if group is None:
        return "interpreted: the build has no shared library"
    if GROUP not in sys.modules:  # the compiled modules import it by this top-level name
        spec = importlib.util.spec_from_file_location(GROUP, group)
        if spec is None or spec.loader is None:
            return "interpreted: the shared library cannot be loaded"
        try:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        except ImportError as error:
            log.warning("the parser runs interpreted (slower, same answers): %s", error)
            return f"interpreted: {error}"
        sys.modules[GROUP] = module
    package_path.insert(0, str(native_dir))
    return "compiled"
