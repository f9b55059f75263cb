"""Compiles the parser's runtime modules with mypyc into core/nlu/_native: `python -m core.nlu.build [--if-stale]`."""
from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from core.nlu.native import (
    GROUP,
    GROUP_DIR,
    LIBRARIES,
    MANIFEST,
    NATIVE_DIR,
    PACKAGE_DIR,
    compiled_sources,
    fingerprint,
    library_sizes,
    stale_reason,
)

GROUP_NAME = "switchboard_nlu"  # mypyc names the shared library GROUP_NAME + "__mypyc" (native.GROUP)


def build(native_dir: Path = NATIVE_DIR) -> None:
    """Compiles every runtime module of the parser into `native_dir`, replacing what was there only once all built."""
    from mypyc.build import mypycify  # build-time tools: mypy (the dev extra) and a C compiler
    from setuptools import setup

    root = PACKAGE_DIR.parent.parent
    made_from = fingerprint()
    with tempfile.TemporaryDirectory(prefix="switchboard-nlu-") as scratch:
        work = Path(scratch)
        cwd = Path.cwd()
        os.chdir(root)  # mypyc names each module by its path: core/nlu/rules.py is core.nlu.rules
        try:
            extensions = mypycify([path.relative_to(root).as_posix() for path in compiled_sources()],
                                  opt_level="3", group_name=GROUP_NAME, target_dir=str(work / "c"))
            os.chdir(work)  # not the project's pyproject.toml: this setup builds only the extensions
            setup(name="switchboard-nlu-native", ext_modules=extensions, script_args=[
                "--quiet", "build_ext", "--build-lib", str(work / "lib"), "--build-temp", str(work / "o"),
                "--parallel", str(os.cpu_count() or 1)])
        finally:
            os.chdir(cwd)
        fresh = native_dir.with_name(f"{native_dir.name}.new-{os.getpid()}")
        old = native_dir.with_name(f"{native_dir.name}.old-{os.getpid()}")
        try:
            (fresh / GROUP_DIR).mkdir(parents=True)
            for library in (work / "lib").rglob("*.so"):
                shutil.copy2(library, fresh / (GROUP_DIR if library.name.startswith(GROUP) else "") / library.name)
            # the manifest last, then the whole build swapped in: a process starting meanwhile finds the old build
            # or none, never half of one (and native.py checks each library's size)
            manifest = {**made_from, LIBRARIES: library_sizes(fresh)}
            (fresh / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
            if native_dir.exists():
                native_dir.rename(old)
            try:
                fresh.rename(native_dir)
            except OSError:
                if old.exists() and not native_dir.exists():
                    old.rename(native_dir)  # the build that was there stays
                raise
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)


def _failed_marker() -> Path:
    return NATIVE_DIR.with_name(NATIVE_DIR.name + ".failed")


def _attempt() -> str:
    """What a build is tried with: the sources, mypy and the C compiler; a failed one is tried again when any of them
    changes (a compiler installed, mypy upgraded, a source edited)."""
    try:
        mypy = metadata.version("mypy")
    except metadata.PackageNotFoundError:
        mypy = ""
    compiler = shutil.which(os.environ.get("CC", "cc")) or ""
    return json.dumps({**fingerprint(), "mypy": mypy, "cc": compiler}, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.nlu.build", description=__doc__)
    parser.add_argument("--if-stale", action="store_true", help="build only when the build there is out of date")
    args = parser.parse_args(argv)
    failed, attempt = _failed_marker(), _attempt()
    with open(NATIVE_DIR.with_name(NATIVE_DIR.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time (two `./dev` at once): the second finds it fresh
        if args.if_stale and stale_reason() is None:
            return 0
        if args.if_stale and failed.exists() and failed.read_text() == attempt:
            print("the parser runs interpreted: its last build with these sources and tools failed "
                  "(python -m core.nlu.build tries again)", file=sys.stderr)
            return 0
        started = time.monotonic()
        print(f"compiling the parser with mypyc into {NATIVE_DIR} (about a minute)…", file=sys.stderr)
        try:
            build()
        except KeyboardInterrupt:
            return 130
        except (Exception, SystemExit) as error:  # setuptools reports a compiler's failure as SystemExit
            if str(error) != "interrupted" and not isinstance(error, OSError):  # Ctrl-C, a full disk: try again
                failed.write_text(attempt)  # a compile error: not tried again by --if-stale until something changes
            print(f"the parser was not compiled ({error})", file=sys.stderr)
            return 1
        failed.unlink(missing_ok=True)
    print(f"compiled in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
