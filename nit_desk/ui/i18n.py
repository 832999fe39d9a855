"""The program in the agent's language: translators, locale, plurals, money and dates.

NIT Desk is written in English and translated with Qt's own system: every
visible string goes through ``self.tr()`` / ``QCoreApplication.translate()``
(or the ``QT_TRANSLATE_NOOP("messages", ...)`` marker below the services line),
``pyside6-lupdate`` extracts them into ``resources/i18n/nit_desk_<lang>.ts``
(top level of the checkout) and ``pyside6-lrelease`` compiles those into
``.qm`` catalogs.

The ``.qm`` files are build products and are not kept in git. The frozen
program carries them (the PyInstaller spec compiles them first); a source
checkout compiles a missing or stale catalog on first use with the
``lrelease`` that ships with PySide6 (see :func:`ensure_compiled`), and so
does a wheel, whose build copies the ``.ts`` into ``nit_desk/resources/i18n``.

The language follows the system locale unless the settings choose one
(``"ru"`` or ``"en"``). :func:`install_translators` also loads Qt's own
``qtbase_<lang>.qm`` (standard dialogs and buttons) and makes the language's
locale the default, so dates, numbers and money follow it.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimeZone,
    QTranslator,
)

from nit_desk.ui.paths import resources_dir

log = logging.getLogger(__name__)

CATALOG = "nit_desk"
"""Base name of our catalogs: ``nit_desk_ru.ts`` / ``nit_desk_ru.qm``."""
SOURCE_LANGUAGE = "en"
"""The language the source code is written in."""
LANGUAGES: tuple[str, ...] = ("ru", "en")
"""Languages the settings may choose; anything else falls back to English."""
I18N_DIR = resources_dir() / "i18n"
"""Where the ``.ts`` sources are and the ``.qm`` catalogs go (:func:`resources_dir`)."""

_LOCALES = {
    "ru": (QLocale.Language.Russian, QLocale.Country.Russia),
    "en": (QLocale.Language.English, QLocale.Country.UnitedStates),
}
_installed: list[QTranslator] = []


@dataclass(frozen=True)
class TranslationState:
    """What :func:`install_translators` did: the language and which catalogs loaded."""

    language: str
    locale_name: str
    catalog_loaded: bool
    qt_loaded: bool


# -- which language ------------------------------------------------------------


def system_language() -> str:
    """The system locale's language if NIT Desk speaks it, else English."""
    name = QLocale.system().name()  # "ru_RU", "en_GB", "C"
    language = name.split("_", 1)[0].lower()
    return language if language in LANGUAGES else SOURCE_LANGUAGE


def resolve_language(choice: str | None) -> str:
    """The language to use: the settings' ``choice`` when it is one we have, else the system's.

    ``None``, ``""`` and ``"system"`` mean "follow the system locale".
    """
    if choice:
        language = choice.strip().lower().replace("-", "_").split("_", 1)[0]
        if language in LANGUAGES:
            return language
        if choice != "system":
            log.warning("unknown language %r in the settings; following the system", choice)
    return system_language()


def locale_for(language: str) -> QLocale:
    """The locale dates and money follow in ``language``.

    English keeps the system's own English locale (en_GB stays en_GB) and is
    American otherwise; Russian is Russian as spoken in Russia.
    """
    if language == "en" and QLocale.system().language() == QLocale.Language.English:
        return QLocale.system()
    lang, country = _LOCALES.get(language, _LOCALES[SOURCE_LANGUAGE])
    return QLocale(lang, country)


# -- the catalogs --------------------------------------------------------------


def is_frozen() -> bool:
    """True inside the PyInstaller-built program."""
    return bool(getattr(sys, "frozen", False))


def ts_path(language: str) -> Path:
    """The translation source of ``language`` (kept in git)."""
    return I18N_DIR / f"{CATALOG}_{language}.ts"


def qm_path(language: str) -> Path:
    """The compiled catalog of ``language`` next to its source (a build product)."""
    return I18N_DIR / f"{CATALOG}_{language}.qm"


def qt_tool(name: str) -> list[str] | None:
    """The command that runs Qt's ``lupdate`` / ``lrelease`` shipped with PySide6, if any."""
    try:
        import PySide6
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return None
    suffix = ".exe" if os.name == "nt" else ""
    exe = Path(PySide6.__file__).resolve().parent / f"{name}{suffix}"
    if exe.is_file():
        return [str(exe)]
    wrapper = shutil.which(f"pyside6-{name}")
    return [wrapper] if wrapper else None


def compile_catalog(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm`` with lrelease, atomically (concurrent runs are safe).

    Raises:
        RuntimeError: lrelease is missing or refused the file.
    """
    tool = qt_tool("lrelease")
    if tool is None:
        raise RuntimeError("lrelease was not found (it ships with PySide6)")
    qm.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=qm.stem, suffix=".qm.tmp", dir=qm.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        done = subprocess.run([*tool, "-silent", str(ts), "-qm", str(tmp)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0 or tmp.stat().st_size == 0:
            raise RuntimeError(f"lrelease failed on {ts.name}: {done.stderr.strip()}")
        os.replace(tmp, qm)
    finally:
        tmp.unlink(missing_ok=True)


def ensure_compiled(language: str) -> Path | None:
    """The ``.qm`` catalog of ``language``, compiling it first in a source checkout.

    The frozen program only looks (its build compiled the catalogs). From
    source, a missing ``.qm`` or one older than its ``.ts`` is compiled in
    place; if the package folder is read-only it goes to the user cache.
    Returns None when there is no catalog for ``language``.
    """
    qm, ts = qm_path(language), ts_path(language)
    if is_frozen() or not ts.is_file():
        return qm if qm.is_file() else None
    if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    try:
        compile_catalog(ts, qm)
        return qm
    except OSError:
        from platformdirs import user_cache_dir

        cached = Path(user_cache_dir("NIT Desk", "NIT")) / "i18n" / qm.name
        if not (cached.is_file() and cached.stat().st_mtime >= ts.stat().st_mtime):
            compile_catalog(ts, cached)
        return cached
    except RuntimeError as exc:
        log.warning("%s", exc)
        return qm if qm.is_file() else None


def qt_translations_dir() -> Path:
    """Where Qt's own catalogs (``qtbase_ru.qm``) are: Qt's path, or the frozen bundle's."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


# -- installing ------------------------------------------------------------------


def _load(path: Path | None, *, into: QCoreApplication) -> bool:
    if path is None or not path.is_file():
        return False
    translator = QTranslator(into)
    if not translator.load(str(path)):
        log.warning("could not load the translation catalog %s", path)
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return True


def remove_translators() -> None:
    """Take out what :func:`install_translators` installed and follow the system locale again."""
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale.system())


def install_translators(app: QCoreApplication, language: str | None) -> TranslationState:
    """Translate the program into ``language`` (``None``: follow the system locale).

    Replaces whatever an earlier call installed, so the settings dialog can
    switch languages at run time (widgets retranslate on ``LanguageChange``).
    Loads our ``nit_desk_<lang>.qm`` and Qt's ``qtbase_<lang>.qm``, and makes
    the language's locale the default for dates, numbers and money.
    """
    remove_translators()
    chosen = resolve_language(language)
    locale = locale_for(chosen)
    QLocale.setDefault(locale)
    catalog = _load(ensure_compiled(chosen), into=app)
    qt_dir = qt_translations_dir()
    qt_loaded = _load(qt_dir / f"qtbase_{chosen}.qm", into=app)
    if chosen != SOURCE_LANGUAGE and not catalog:
        log.warning("no NIT Desk catalog for %r; the program stays in English", chosen)
    return TranslationState(language=chosen, locale_name=locale.name(),
                            catalog_loaded=catalog, qt_loaded=qt_loaded)


# -- locale-aware texts -----------------------------------------------------------


class Counts(QObject):
    """Counted nouns in the current language, with its plural forms.

    Written as ``self.tr(text, "", n)`` in a class because that is the form
    ``pyside6-lupdate`` marks as a plural message (it does not for
    ``QCoreApplication.translate(context, text, "", n)``).
    """

    def requests(self, n: int) -> str:
        """``%n request(s)``."""
        return self.tr("%n request(s)", "", n)

    def clients(self, n: int) -> str:
        """``%n client(s)``."""
        return self.tr("%n client(s)", "", n)


_counts: Counts | None = None


def _count_texts() -> Counts:
    global _counts
    if _counts is None:
        _counts = Counts()
    return _counts


def n_requests(n: int) -> str:
    """``"1 request"`` / ``"5 requests"``; in Russian ``1 обращение / 5 обращений``."""
    return _count_texts().requests(n)


def n_clients(n: int) -> str:
    """``"1 client"`` / ``"5 clients"`` in the current language (Russian plural forms)."""
    return _count_texts().clients(n)


def format_money(kopecks: int, locale: QLocale | None = None) -> str:
    """Roubles in the default (or given) locale: ``1 234,50 ₽`` in Russian, ``₽1,234.50``
    in English. Whole roubles are shown without kopecks, like the domain's format."""
    loc = locale if locale is not None else QLocale()
    roubles, rest = divmod(abs(kopecks), 100)
    sign = "-" if kopecks < 0 else ""
    if rest:
        amount = loc.toCurrencyString(abs(kopecks) / 100, "₽", 2)
    else:
        amount = loc.toCurrencyString(roubles, "₽")
    return f"{sign}{amount}"


def format_datetime(moment: datetime, locale: QLocale | None = None, *,
                    long: bool = False) -> str:
    """A UTC (or aware) moment as local wall-clock time in the default (or given) locale."""
    loc = locale if locale is not None else QLocale()
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    qdt = QDateTime.fromSecsSinceEpoch(int(aware.timestamp()), QTimeZone.systemTimeZone())
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return loc.toString(qdt, fmt)


def csv_label(text: str) -> str:
    """A CSV header or row label in the user's language (context ``csv``).

    Passed to the services' exports, which mark their English labels with
    ``QT_TRANSLATE_NOOP("csv", ...)``; safe to call on a worker thread.
    """
    return QCoreApplication.translate("csv", text)
