"""The words a user reads on a screen, and the Latin words among them.

The Russian desk must read in Russian throughout (issue #14, item 3): a Latin
word on a Russian screen is a string that escaped translation, a raw enum value
(``proposed``), a field name (``void_reason``) or an id (``client #4``).
:func:`visible_texts` walks a widget's visible labels, buttons, tab titles,
group titles, placeholders, table headers and table cells (the models'
``DisplayRole``); :func:`latin_words` picks the Latin words out of a text,
leaving the proper names, handles, units, addresses and demo names of
:data:`ALLOWED` and what :func:`_is_allowed_token` recognises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

ALLOWED = frozenset({
    # the company and the program's name (a proper name, not translated)
    "nit", "desk",
    # messenger networks and services (proper names, R1)
    "telegram", "vk", "whatsapp", "skype", "odnoklassniki", "max", "ok",
    # what the demo clients and agents typed (system information, descriptions):
    # product names, units of computer hardware
    "windows", "pro", "ryzen", "ssd", "hdd", "gb", "ram", "wi", "fi", "wifi", "usb",
    "hp", "laserjet", "canon", "epson", "office", "word", "excel", "chrome", "android",
    "ios", "iphone", "intel", "core", "nvidia", "amd", "dns", "vpn", "pc", "tb", "mb",
    "ghz", "lan", "router", "tp", "link", "keenetic", "mikrotik", "ubuntu", "linux",
    "macos", "mac", "bios", "uefi", "nas", "outlook", "onedrive", "zoom",
    # a currency code, file formats the desk writes, and key names as printed on keys
    "rub", "csv", "pdf", "ctrl", "alt", "shift", "enter", "esc", "tab", "del", "home",
})
"""Latin words a Russian screen may show, lower-case: proper names of companies,
networks and products, and units. A handle (``@anna``, ``olga_ok``), an address
(``vk.com/…``, ``name@example.ru``) or a version (``23H2``) is recognised by shape."""

_TOKEN = re.compile(r"[^\s,;()«»\"'“”„!·—–→…\[\]{}|<>]+")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_SHAPED = (
    re.compile(r"^@[\w.]+$"),                   # a messenger handle
    re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$"),  # an email address
    re.compile(r"^(https?|tg|mailto|tel):\S+$", re.I),  # a link
    re.compile(r"^([\w-]+\.)+[a-z]{2,}(/\S*)?$", re.I),  # an address: vk.com/id1
    re.compile(r"^\w*\d\w*$"),                  # a version or a model: 23H2, 5600X, v2
    re.compile(r"^(/|[A-Za-z]:\\)\S+$"),        # a file path (where the database is)
)
_TAG = re.compile(r"<[^>]+>")
_RULE_ID = re.compile(r"^R\d{1,2}$")
"""A rule id (R7): it belongs to the code, tests and docstrings, never to the screen."""


def _is_allowed_token(token: str, names: frozenset[str]) -> bool:
    """Whether a whole token is a handle, an address, a version or a known name."""
    bare = token.strip(".-/:?")
    if not bare or bare.lower() in names:
        return True
    return any(pattern.match(bare) or pattern.match(token) for pattern in _SHAPED)


def latin_words(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words of ``text`` that are no allowed proper name, handle or unit.

    Args:
        names: further allowed words (lower-case), e.g. the demo users' logins.
    """
    allowed = ALLOWED | names
    found: list[str] = []
    for token in _TOKEN.findall(text):
        bare = token.strip(".-/:?")
        if _RULE_ID.match(bare):
            found.append(bare)
        elif _LATIN_WORD.search(token) and not _is_allowed_token(token, allowed):
            found += [w for w in _LATIN_WORD.findall(token) if w.lower() not in allowed]
    return found


def _model_texts(model: QAbstractItemModel, row_limit: int = 60) -> Iterator[str]:
    """A model's column titles and the first rows' display texts (children too)."""
    display = Qt.ItemDataRole.DisplayRole
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps its column count private
        columns = 1
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal, display) or "")
    yield from _cells(model, QModelIndex(), columns, row_limit)


def _cells(model: QAbstractItemModel, parent: QModelIndex, columns: int,
           row_limit: int) -> Iterator[str]:
    for row in range(min(model.rowCount(parent), row_limit)):
        for column in range(max(1, columns)):
            index = model.index(row, column, parent)
            value = model.data(index, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield value
            if column == 0 and _has_rows(model, index):
                yield from _cells(model, index, model.columnCount(index), row_limit)


def _has_rows(model: QAbstractItemModel, index: QModelIndex) -> bool:
    try:
        return model.rowCount(index) > 0
    except TypeError:  # a table or list model keeps it private: no children
        return False


def _widget_texts(w: QWidget) -> list[str]:
    """What one widget itself says (not its children)."""
    if isinstance(w, QLabel | QAbstractButton):
        return [w.text()]
    if isinstance(w, QGroupBox):
        return [w.title()]
    if isinstance(w, QLineEdit):
        return [w.text() if w.isReadOnly() else "", w.placeholderText()]
    if isinstance(w, QPlainTextEdit):
        return [w.placeholderText(), w.toPlainText() if w.isReadOnly() else ""]
    if isinstance(w, QTextEdit):
        return [w.placeholderText(), w.toPlainText() if w.isReadOnly() else ""]
    if isinstance(w, QTabWidget):
        return [w.tabText(i) for i in range(w.count())]
    if isinstance(w, QComboBox):
        return [w.itemText(i) for i in range(w.count())]
    if isinstance(w, QAbstractItemView) and w.model() is not None:
        return list(_model_texts(w.model()))
    return []


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user reads on ``root`` and its visible children.

    Labels, buttons, group and tab titles, combo items, placeholders, read-only
    text, window titles, and each item view's headers and cells. What a user
    typed into an editable field is left out: it is theirs, not the desk's.
    """
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and not w.isVisibleTo(root) or isinstance(w, QHeaderView):
            continue  # a header view shows its table's model: walked with the table
        texts = _widget_texts(w)
        if w.isWindow():
            texts.append(w.windowTitle())
        where = w.objectName() or type(w).__name__
        for text in texts:
            if text:
                rich = text.lstrip().startswith("<") or "<br" in text
                plain = _TAG.sub(" ", text) if rich else text
                yield where, plain.replace("&&", "&").replace("&", "")
