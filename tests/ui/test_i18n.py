"""The program in Russian: a complete catalog, Russian plurals, money and dates, menus.

The completeness test runs ``lupdate`` over the code into a temporary copy of
the ``.ts`` files, so a developer who adds a visible string without
translating it sees this test fail with the string named. Fix it with
``python tools/update_translations.py`` and translate the new entries.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import string
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from nit_desk.domain.money import format_money as domain_format_money
from nit_desk.domain.types import Role
from nit_desk.services.admin import users
from nit_desk.services.storage.engine import Database
from nit_desk.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import update_translations  # noqa: E402  (tools/update_translations.py)

CYRILLIC = re.compile("[А-Яа-яЁё]")
PASSWORD = "correct horse 42"


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed ``.ts`` files, updated by lupdate from the code as it is now."""
    folder = tmp_path_factory.mktemp("i18n")
    for ts in i18n.I18N_DIR.glob("*.ts"):
        shutil.copy(ts, folder / ts.name)
    update_translations.extract(folder, quiet=True)
    return folder


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[i18n.TranslationState]:
    """The application translated into Russian for one test, then back to the source."""
    state = i18n.install_translators(qapp, "ru")
    yield state
    i18n.remove_translators()


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    return {(ctx.findtext("name", ""), m.findtext("source", "")): m
            for ctx in tree.getroot().iter("context") for m in ctx.iter("message")}


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None:
        return []
    forms = [f.text or "" for f in translation.iter("numerusform")]
    return forms or [translation.text or ""]


# -- the catalog ------------------------------------------------------------------------


def test_every_message_in_the_code_is_translated(fresh_catalogs: Path) -> None:
    """No message found in the code is unfinished, empty or missing a plural form."""
    problems = update_translations.problems(fresh_catalogs)
    listing = "\n".join(f"  {p.language} [{p.context}] {p.why}: {p.source!r}"
                        for p in problems[:40])
    assert not problems, (f"{len(problems)} message(s) need a translation; run "
                          f"'python tools/update_translations.py' and translate them:\n{listing}")


def test_committed_catalogs_match_the_code(fresh_catalogs: Path) -> None:
    """The committed .ts holds exactly the code's messages: none vanished, none missing."""
    for language in update_translations.TARGETS:
        committed = set(_messages(update_translations.ts_file(language)))
        fresh = set(_messages(update_translations.ts_file(language, fresh_catalogs)))
        vanished, missing = sorted(committed - fresh), sorted(fresh - committed)
        hint = "run 'python tools/update_translations.py'"
        assert not vanished, f"{language}: no longer in the code ({hint}): {vanished[:10]}"
        assert not missing, f"{language}: not in the committed .ts ({hint}): {missing[:10]}"


class _AnyValue:
    """Stands in for any placeholder value, whatever its format spec (``{at:%H:%M}``)."""

    def __format__(self, spec: str) -> str:
        return "x"


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_translations_keep_the_placeholders_and_accelerators() -> None:
    """Every {placeholder} of the English text is in the Russian one, and it formats."""
    wrong = []
    for (context, source), message in _messages(update_translations.ts_file("ru")).items():
        for text in _translations(message):
            if not text:
                continue  # unfinished: the completeness test names it
            names = _placeholders(source)
            if _placeholders(text) != names:
                wrong.append(f"[{context}] {source!r} -> {text!r}: placeholders differ")
                continue
            try:
                text.format(**{n: _AnyValue() for n in names})
            except (ValueError, IndexError, KeyError) as exc:
                wrong.append(f"[{context}] {text!r}: does not format ({exc})")
            if re.search(r"&[^&\s;]", source) and "&" not in text:
                wrong.append(f"[{context}] {source!r} -> {text!r}: lost its & accelerator")
    assert not wrong, "\n".join(wrong)


def test_russian_catalog_compiles_and_loads(russian: i18n.TranslationState) -> None:
    """Our catalog and Qt's own (standard buttons) both load in Russian."""
    assert russian.language == "ru"
    assert russian.catalog_loaded and russian.qt_loaded
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"


# -- plurals, money, dates ---------------------------------------------------------------


def test_russian_plural_forms(russian: i18n.TranslationState) -> None:
    """Russian has three plural forms: 1 обращение, 2 обращения, 5 обращений (and 21, 22,
    11...); a request is «обращение» throughout, the seed's word."""
    assert [i18n.n_requests(n) for n in (1, 2, 5, 11, 21, 22, 25, 111)] == [
        "1 обращение", "2 обращения", "5 обращений", "11 обращений", "21 обращение",
        "22 обращения", "25 обращений", "111 обращений"]
    assert i18n.n_clients(3) == "3 клиента"


def test_english_plural_forms(qapp: QApplication) -> None:
    """English needs its plural catalog too: 1 request, 2 requests."""
    i18n.install_translators(qapp, "en")
    try:
        assert [i18n.n_requests(n) for n in (1, 2)] == ["1 request", "2 requests"]
    finally:
        i18n.remove_translators()


def test_money_follows_the_russian_locale(russian: i18n.TranslationState) -> None:
    """R16 amounts in Russian: space-grouped roubles, decimal comma, ₽ after the number."""
    group = QLocale().groupSeparator()
    assert QLocale().name() == "ru_RU"
    assert i18n.format_money(123450) == f"1{group}234,50\u00a0₽"
    assert i18n.format_money(210000) == f"2{group}100\u00a0₽"
    assert i18n.format_money(-5) == "-0,05\u00a0₽"
    assert i18n.format_money(123450) == domain_format_money(123450)


def test_money_and_dates_in_english() -> None:
    """The same amount and moment in the American English locale."""
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert i18n.format_money(123450, english) == "₽1,234.50"
    moment = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert "2026" in i18n.format_datetime(moment, english, long=True)


def test_dates_follow_the_russian_locale(russian: i18n.TranslationState) -> None:
    """A long date in Russian names the month in the genitive: 26 ноября 2026."""
    moment = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert "ноября 2026" in i18n.format_datetime(moment, long=True)


def test_language_follows_the_system_unless_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings' choice wins; no choice, "system" or an unknown one follow the locale."""
    monkeypatch.setattr(i18n, "system_language", lambda: "ru")
    assert i18n.resolve_language("en") == "en"
    assert i18n.resolve_language("ru_RU") == "ru"
    assert i18n.resolve_language(None) == "ru"
    assert i18n.resolve_language("") == "ru"
    assert i18n.resolve_language("system") == "ru"
    assert i18n.resolve_language("de") == "ru"


def test_stale_catalog_is_recompiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From source a missing .qm is compiled on first use (no build step needed)."""
    shutil.copy(i18n.ts_path("ru"), tmp_path / "nit_desk_ru.ts")
    monkeypatch.setattr(i18n, "I18N_DIR", tmp_path)
    qm = i18n.ensure_compiled("ru")
    assert qm == tmp_path / "nit_desk_ru.qm"
    assert qm.stat().st_size > 1000


# -- a view in Russian ---------------------------------------------------------------------


def test_main_window_in_russian(russian: i18n.TranslationState, sqlite_db: Database,
                                qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> None:
    """The main window's menus and status bar speak Russian when the language is Russian."""
    from PySide6.QtCore import QSettings

    from nit_desk.app.app import build_main_window
    from nit_desk.ui.events import AppEvents
    from nit_desk.ui.runner import ServiceRunner
    from nit_desk.ui.settings import DeskSettings

    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    actor = users.authenticate(sqlite_db, "boss", PASSWORD).actor
    assert actor.role is Role.SUPERVISOR
    settings = DeskSettings(QSettings(str(sqlite_db.url.database) + ".ini",
                                      QSettings.Format.IniFormat))
    runner, events = ServiceRunner(), AppEvents()
    window = build_main_window(sqlite_db, actor, runner, events, settings)
    try:
        titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
        assert titles[:3] == ["Файл", "Работа", "Справка"]
        assert all(CYRILLIC.search(t) for t in titles), titles
        assert CYRILLIC.search(window.windowTitle()), window.windowTitle()
        assert CYRILLIC.search(window.user_label.text()), window.user_label.text()
    finally:
        qtbot.wait(100)  # let the screens' first loads start, then finish
        qtbot.waitUntil(lambda: runner.in_flight == 0, timeout=10_000)
        window.deleteLater()
        runner.shutdown()
        events.deleteLater()


def test_strings_behind_translation_helpers_are_extracted(tmp_path: Path) -> None:
    """lupdate cannot see through ``_tr(text)`` helpers or ``t = QCoreApplication.translate``
    aliases; the tool hands it those strings so they are translated like any other."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "names.py").write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "_CONTEXT = 'Names'\n"
        "def _tr(text):\n"
        "    return QCoreApplication.translate(_CONTEXT, text)\n"
        "def status(done):\n"
        "    return _tr('done') if done else _tr('waiting')\n"
        "def count(n):\n"
        "    t = QCoreApplication.translate\n"
        "    return t('Counts', '%n line(s)', '', n), t('Counts', 'empty')\n")
    found = {(context, text) for context, text, _c, _p in
             update_translations.helper_strings(package)}
    assert found == {("Names", "done"), ("Names", "waiting"), ("Counts", "%n line(s)"),
                     ("Counts", "empty")}
    folder = tmp_path / "i18n"
    update_translations.extract(folder, sources=package, quiet=True)
    messages = _messages(update_translations.ts_file("ru", folder))
    assert set(messages) == found
    assert messages[("Counts", "%n line(s)")].get("numerus") == "yes"
