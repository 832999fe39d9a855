#!/usr/bin/env python3
"""Extract NIT Desk's translatable strings into the ``.ts`` files and compile them.

    python tools/update_translations.py            # lupdate: refresh the .ts sources
    python tools/update_translations.py --compile  # lrelease: .ts -> .qm next to them
    python tools/update_translations.py --compile --out DIR   # .qm into DIR (the build)
    python tools/update_translations.py --check    # exit 1 if any message is not finished

``lupdate`` scans ``nit_desk/`` for ``self.tr()``, ``QCoreApplication.translate()``
and ``QT_TRANSLATE_NOOP("messages", ...)`` and merges what it finds into
``nit_desk/resources/i18n/nit_desk_ru.ts`` (every message) and
``nit_desk_en.ts`` (plural forms only: English needs them for ``%n``).
Messages that vanished from the code are dropped (``-no-obsolete``). After
extracting, translate the new ``type="unfinished"`` entries (Qt Linguist, or
by hand) and remove that attribute; ``tests/test_i18n.py`` fails until then.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "nit_desk"
I18N_DIR = SOURCES / "resources" / "i18n"
CATALOG = "nit_desk"
TARGETS = {"ru": False, "en": True}
"""Language -> plural-only (English translates only the ``%n`` messages)."""


@dataclass(frozen=True)
class Problem:
    """One message that is not ready to ship."""

    language: str
    context: str
    source: str
    why: str


def _tool(name: str) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from nit_desk.i18n import qt_tool

    tool = qt_tool(name)
    if tool is None:
        sys.exit(f"{name} not found: install PySide6 (it ships pyside6-{name})")
    return tool


def ts_file(language: str, folder: Path = I18N_DIR) -> Path:
    """The ``.ts`` source of ``language`` in ``folder``."""
    return folder / f"{CATALOG}_{language}.ts"


def extract(folder: Path = I18N_DIR, *, sources: Path = SOURCES, quiet: bool = False) -> None:
    """Run lupdate over ``sources`` into the ``.ts`` files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for language, plural_only in TARGETS.items():
        command = [*_tool("lupdate"), "-extensions", "py,ui", "-locations", "none",
                   "-no-obsolete", "-target-language", language, str(sources),
                   "-ts", str(ts_file(language, folder))]
        if plural_only:
            command.insert(-2, "-pluralonly")
        if quiet:
            command.insert(1, "-silent")
        subprocess.run(command, check=True)


def compile_all(out: Path = I18N_DIR, folder: Path = I18N_DIR) -> list[Path]:
    """Compile every ``.ts`` in ``folder`` into ``out``; returns the ``.qm`` files."""
    sys.path.insert(0, str(ROOT))
    from nit_desk.i18n import compile_catalog

    made = []
    for language in TARGETS:
        qm = out / f"{CATALOG}_{language}.qm"
        compile_catalog(ts_file(language, folder), qm)
        made.append(qm)
    return made


def problems(folder: Path = I18N_DIR) -> list[Problem]:
    """Every message in ``folder``'s ``.ts`` files that is unfinished, empty or obsolete."""
    found = []
    for language in TARGETS:
        tree = ET.parse(ts_file(language, folder))
        for context in tree.getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                why = _why_not_ready(message)
                if why:
                    found.append(Problem(language, name, message.findtext("source", ""), why))
    return found


def _why_not_ready(message: ET.Element) -> str:
    translation = message.find("translation")
    if translation is None:
        return "no translation"
    kind = translation.get("type", "")
    if kind in ("obsolete", "vanished"):
        return f"{kind} (remove it)"
    if kind == "unfinished":
        return "unfinished"
    forms = [f.text or "" for f in translation.iter("numerusform")]
    if message.get("numerus") == "yes":
        if not forms or not all(f.strip() for f in forms):
            return "a plural form is empty"
        if not all("%n" in f for f in forms):
            return "a plural form lacks %n"
    elif not (translation.text or "").strip():
        return "empty translation"
    return ""


def main(argv: list[str] | None = None) -> int:
    """Extract, compile or check (see the module help)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compile", action="store_true", help="only compile .ts -> .qm")
    parser.add_argument("--out", type=Path, default=I18N_DIR, help="where the .qm files go")
    parser.add_argument("--check", action="store_true", help="only report unfinished messages")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for p in found:
            print(f"{p.language} [{p.context}] {p.why}: {p.source!r}")
        print(f"{len(found)} message(s) need a translation" if found else "all translated")
        return 1 if found else 0
    if args.compile:
        for qm in compile_all(args.out):
            print(f"compiled {qm}")
        return 0
    extract()
    left = problems()
    print(f"{len(left)} message(s) to translate; then --check" if left else "all translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
