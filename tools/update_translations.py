#!/usr/bin/env python3
"""Extract NIT Desk's translatable strings into the ``.ts`` files and compile them.

    python tools/update_translations.py            # lupdate: refresh the .ts sources
    python tools/update_translations.py --compile  # lrelease: .ts -> .qm next to them
    python tools/update_translations.py --compile --out DIR   # .qm into DIR (the build)
    python tools/update_translations.py --check    # exit 1 if any message is not finished

``lupdate`` scans ``nit_desk/`` for ``self.tr()``, ``QCoreApplication.translate()``
and ``QT_TRANSLATE_NOOP("messages", ...)``. It cannot see through a module's
small translation helper (``def _tr(text): return QCoreApplication.translate(
"QueueModel", text)``), so :func:`helper_strings` finds such helpers and the
string literals passed to them, and hands lupdate a generated file of
literal ``translate()`` calls for them (likewise for an alias such as
``t = QCoreApplication.translate``). lupdate merges what it finds into
``resources/i18n/nit_desk_ru.ts`` (every message) and
``nit_desk_en.ts`` (plural forms only: English needs them for ``%n``).
Messages that vanished from the code are dropped (``-no-obsolete``). After
extracting, translate the new ``type="unfinished"`` entries (Qt Linguist, or
by hand) and remove that attribute; ``tests/ui/test_i18n.py`` fails until then.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "nit_desk"
I18N_DIR = ROOT / "resources" / "i18n"
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
    from nit_desk.ui.i18n import qt_tool

    tool = qt_tool(name)
    if tool is None:
        sys.exit(f"{name} not found: install PySide6 (it ships pyside6-{name})")
    return tool


def ts_file(language: str, folder: Path = I18N_DIR) -> Path:
    """The ``.ts`` source of ``language`` in ``folder``."""
    return folder / f"{CATALOG}_{language}.ts"


# -- strings behind translation helpers ------------------------------------------------


def _module_name(path: Path, sources: Path) -> str:
    parts = path.relative_to(sources.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` assignments."""
    found = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            found[node.targets[0].id] = node.value.value
    return found


def _context_of(node: ast.expr, local: dict[str, str], imported: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return local.get(node.id, imported.get(node.id))
    return None


def _helpers(tree: ast.Module, local: dict[str, str],
             imported: dict[str, str]) -> dict[str, str]:
    """Module-level functions ``f(text)`` returning ``translate(<known context>, text)``."""
    helpers = {}
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef) or len(fn.args.args) != 1:
            continue
        param = fn.args.args[0].arg
        for node in ast.walk(fn):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "translate" and len(node.args) == 2
                    and isinstance(node.args[1], ast.Name) and node.args[1].id == param):
                context = _context_of(node.args[0], local, imported)
                if context is not None:
                    helpers[fn.name] = context
    return helpers


def _aliases(tree: ast.Module) -> set[str]:
    """Names bound to ``QCoreApplication.translate`` (``t = QCoreApplication.translate``)."""
    return {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Attribute) and node.value.attr == "translate"
            for target in node.targets if isinstance(target, ast.Name)}


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


Marker = tuple[str, str, str, bool]
"""(context, text, disambiguation, plural) of one string lupdate cannot see by itself."""


def _imported_constants(tree: ast.Module, constants: dict[str, dict[str, str]]) -> dict[str, str]:
    imported = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module in constants:
            for alias in node.names:
                value = constants[node.module].get(alias.name)
                if value is not None:
                    imported[alias.asname or alias.name] = value
    return imported


def _markers_in(tree: ast.Module, local: dict[str, str], imported: dict[str, str]) -> list[Marker]:
    helpers, aliases = _helpers(tree, local, imported), _aliases(tree)
    found: list[Marker] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        name, args = node.func.id, node.args
        if name in helpers and len(args) == 1 and _literal(args[0]) is not None:
            found.append((helpers[name], str(_literal(args[0])), "", False))
        elif name in aliases and len(args) >= 2 and _literal(args[1]) is not None:
            context = _context_of(args[0], local, imported)
            comment = _literal(args[2]) if len(args) > 2 else ""
            if context is not None:
                found.append((context, str(_literal(args[1])), comment or "", len(args) > 3))
    return found


def helper_strings(sources: Path = SOURCES) -> list[Marker]:
    """Strings lupdate misses: literals passed to a module's ``_tr(text)`` helper or to
    an alias such as ``t = QCoreApplication.translate``."""
    trees = {_module_name(p, sources): ast.parse(p.read_text(encoding="utf-8"))
             for p in sorted(sources.rglob("*.py"))}
    constants = {name: _string_constants(tree) for name, tree in trees.items()}
    found: list[Marker] = []
    for tree in trees.values():
        markers = _markers_in(tree, _string_constants(tree), _imported_constants(tree, constants))
        found.extend(m for m in markers if m not in found)
    return found


def _markers_file(markers: list[Marker], folder: Path) -> Path:
    """A Python file of literal ``translate()`` calls lupdate can read.

    Plural messages become ``self.tr(text, comment, n)`` in a class named after
    the context: the only form lupdate marks as plural.
    """
    lines = ["# generated by tools/update_translations.py: strings behind helpers and aliases"]
    for context, text, comment, plural in markers:
        if plural and context.isidentifier():
            lines += [f"class {context}(QObject):", "    def m(self, n):",
                      f"        return self.tr({text!r}, {comment!r}, n)"]
        else:
            extra = f", {comment!r}" if comment else ""
            lines.append(f"QCoreApplication.translate({context!r}, {text!r}{extra})")
    path = folder / "helper_strings.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- lupdate / lrelease ----------------------------------------------------------------


def extract(folder: Path = I18N_DIR, *, sources: Path = SOURCES, quiet: bool = False) -> None:
    """Run lupdate over ``sources`` (and their helpers' strings) into ``folder``'s ``.ts``."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nit-desk-lupdate-") as scratch:
        markers = _markers_file(helper_strings(sources), Path(scratch))
        for language, plural_only in TARGETS.items():
            command = [*_tool("lupdate"), "-extensions", "py,ui", "-locations", "none",
                       "-no-obsolete", "-target-language", language, str(sources),
                       str(markers), "-ts", str(ts_file(language, folder))]
            if plural_only:
                command.insert(-2, "-pluralonly")
            if quiet:
                command.insert(1, "-silent")
            subprocess.run(command, check=True)


def compile_all(out: Path = I18N_DIR, folder: Path = I18N_DIR) -> list[Path]:
    """Compile every ``.ts`` in ``folder`` into ``out``; returns the ``.qm`` files."""
    sys.path.insert(0, str(ROOT))
    from nit_desk.ui.i18n import compile_catalog

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
