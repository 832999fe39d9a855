"""The rotating log file, and a filter that keeps personal data and secrets out of it.

Defence in depth for R2 and R9: services should never log a client's contact
data or a secret, but if one slips into a message or an exception text, the
:class:`RedactingFilter` replaces phone numbers, e-mail addresses, messenger
handles, long digit runs (card numbers), database passwords in URLs and whatever
:func:`nit_desk.domain.secret_guard.find_secret` flags before the line is written.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path
from urllib.parse import quote

from nit_desk.domain.secret_guard import find_secret
from nit_desk.ui.paths import LOG_FILE, log_dir

MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 4  # the current file plus four old ones: 5 × 2 MB
FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"

# user:password@ up to the LAST "@" of the address: a password may hold / ? # : @ too.
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-z][a-z0-9+.\-]*://[^\s:/@]*:)\S*(?=@)", re.I)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{3,}|\b(?:vk\.com|ok\.ru|t\.me|wa\.me)/[\w.\-]+",
                     re.I)
_NUMBER = re.compile(r"(?<![\w.])\+?\d(?:[\s\-().]{0,2}\d){9,}(?!\w)(?!:\d\d)")
_MIN_SECRET = 3
_known_secrets: set[str] = set()


def register_secret(secret: str) -> None:
    """Mask ``secret`` (a database password) wherever it appears from now on.

    A password can surface outside a URL too, e.g. quoted in a parser's error
    ("invalid port 'w0rd@host'"); every log line and crash report is scrubbed of
    each registered secret and of its percent-encoded form.
    """
    if len(secret) >= _MIN_SECRET:
        _known_secrets.update({secret, quote(secret, safe="")})


def _redact_known(text: str) -> str:
    for secret in sorted(_known_secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def scrub_passwords(text: str) -> str:
    """``text`` with URL passwords and every registered secret masked (nothing else)."""
    return _URL_PASSWORD.sub(r"\g<head>***", _redact_known(text))


def redact(text: str) -> str:
    """``text`` with secrets, URL passwords, e-mails, handles and phone-like numbers masked."""
    text = _redact_secrets(scrub_passwords(text))
    text = _EMAIL.sub("[email]", text)
    text = _HANDLE.sub("[handle]", text)
    return _NUMBER.sub("[number]", text)


def _redact_secrets(text: str) -> str:
    for _ in range(50):  # bounded: each round replaces one finding
        finding = find_secret(text)
        if finding is None:
            break
        text = text[: finding.start] + "[secret]" + text[finding.end :]
    return text


class RedactingFilter(logging.Filter):
    """Masks personal data and secrets in a record's message and exception text."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def setup_logging(folder: Path | None = None, *, level: int = logging.INFO) -> Path:
    """Log to a rotating file (5 × 2 MB) in ``folder`` (default: the user log folder).

    Calling it again replaces the handler it installed before.

    Returns:
        The path of the log file.
    """
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    shutdown_logging()
    root = logging.getLogger()
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                  encoding="utf-8")
    handler.nit_desk = True  # type: ignore[attr-defined]
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    return path


def shutdown_logging() -> None:
    """Close and remove the log file handler that :func:`setup_logging` installed."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "nit_desk", False)]:
        root.removeHandler(handler)
        handler.close()
