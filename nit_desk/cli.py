"""The ``nit-desk`` command: the workstation, and the operator's tools around it.

``nit-desk`` alone opens the workstation on the default database; the
subcommands (``user add``, ``demo``, ``check``, ``backup``, ``restore``,
``db upgrade``, ``db status``) run without Qt. A password in ``--db`` is masked
in everything printed or logged. A bad argument prints one line naming it and
exits 2; a failed check or a refused schema exits 1; nothing prints a
traceback for an expected problem.

Adding a subcommand takes a few lines::

    @subcommand("screenshot", "save screenshots of every screen")
    def _screenshot(parser: argparse.ArgumentParser) -> Handler:
        parser.add_argument("--out", required=True, type=Path)
        return lambda args: run_screenshots(args.out)
"""

from __future__ import annotations

import argparse
import getpass
import logging
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import SQLAlchemyError

from nit_desk.console_output import make_output_safe
from nit_desk.domain.db_target import split_password
from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.domain.types import Role
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import Database, open_database, to_url
from nit_desk.services.storage.migrate import SchemaError
from nit_desk.ui.logging_setup import RedactingFilter, register_secret, scrub_passwords

PROG = "nit-desk"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
"""Runs a parsed command and returns the exit status."""
Builder = Callable[[argparse.ArgumentParser], Handler]
"""Adds a subcommand's arguments to its parser and returns its handler."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Subcommand:
    """One registered subcommand: its name, one-line help and builder."""

    name: str
    help: str
    build: Builder


@dataclass(frozen=True)
class GlobalFlag:
    """A top-level ``--flag`` that runs instead of the workstation (e.g. --self-test)."""

    flag: str
    help: str
    handler: Handler


SUBCOMMANDS: dict[str, Subcommand] = {}
GLOBAL_FLAGS: dict[str, GlobalFlag] = {}


def subcommand(name: str, help: str) -> Callable[[Builder], Builder]:  # noqa: A002
    """Register a subcommand builder under ``name`` (decorator)."""

    def register(build: Builder) -> Builder:
        SUBCOMMANDS[name] = Subcommand(name, help, build)
        return build

    return register


def global_flag(flag: str, help: str) -> Callable[[Handler], Handler]:  # noqa: A002
    """Register a top-level flag such as ``--self-test`` (decorator)."""

    def register(handler: Handler) -> Handler:
        GLOBAL_FLAGS[flag] = GlobalFlag(flag, help, handler)
        return handler

    return register


# -- errors --------------------------------------------------------------


class UsageError(Exception):
    """A bad command-line value: printed as one line naming the argument, exit 2."""

    def __init__(self, argument: str, message: str) -> None:
        super().__init__(f"argument {argument}: {message}")
        self.argument = argument


class CommandFailed(Exception):
    """The command ran but could not do its job: printed as one line, exit 1."""


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line on stderr (no usage dump) and exit 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``prog: error: message`` and exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


_FIELD_ARGUMENTS = {"db": "--db", "to": "--to", "from": "--from", "username": "NAME",
                    "password": "password", "role": "--role", "clients": "--clients"}


def _fail(message: str, status: int) -> int:
    print(f"{PROG}: error: {scrub_passwords(message)}", file=sys.stderr)
    return status


def _run_handler(handler: Handler, args: argparse.Namespace) -> int:
    """Run a handler, turning every expected problem into one line and a status."""
    try:
        return handler(args)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except SchemaError as exc:
        return _fail(exc.message, EXIT_FAILED)
    except ValidationError as exc:
        argument = _FIELD_ARGUMENTS.get(exc.field or "", exc.field or "value")
        return _fail(f"argument {argument}: {exc.message}", EXIT_USAGE)
    except (NitDeskError, CommandFailed) as exc:
        return _fail(exc.message if isinstance(exc, NitDeskError) else str(exc), EXIT_FAILED)
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return _fail(f"database error: {detail}", EXIT_FAILED)
    except OSError as exc:  # a folder or file the command needed: named, no traceback
        where = f": {exc.filename}" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{where}", EXIT_FAILED)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


# -- the database argument -------------------------------------------------


def default_db_path() -> Path:
    """Where the single-desk database lives when no ``--db`` is given.

    The same file the workstation opens by default (``NIT_DESK_HOME`` or the
    platform's user data folder); :mod:`nit_desk.ui.paths` imports no Qt.
    """
    from nit_desk.ui.paths import default_database_path

    return default_database_path()


def db_target(args: argparse.Namespace) -> str:
    """The ``--db`` value, or the default path (its folder created), checked.

    Raises:
        UsageError: not a usable path or URL.
    """
    raw = getattr(args, "db", None)
    if raw is None:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = str(path)
    password = split_password(str(raw))[1]
    if password:
        register_secret(password)  # masked in every line printed or logged from now on
    try:
        to_url(raw)
    except ValidationError as exc:
        raise UsageError("--db", exc.message) from None
    return str(raw)


def open_db(args: argparse.Namespace, *, must_exist: bool) -> Database:
    """Open the database named by ``--db``.

    Args:
        must_exist: refuse a SQLite file that is not there (instead of creating it).

    Raises:
        UsageError: bad value, missing file, or a file on a network share.
    """
    target = db_target(args)
    url = to_url(target)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(str(url.database))
        if must_exist and not path.exists():
            raise UsageError("--db", f"no database at {url.database}")
        _refuse_lost_file(path)
    try:
        return open_database(url)
    except ValidationError as exc:
        raise UsageError("--db", exc.message) from None


def _refuse_lost_file(path: Path) -> None:
    """A lost database is reported, never made anew (issue 15, item 3).

    An existing file that is empty, foreign or damaged is refused; so is a missing
    one whose backups lie in ``backups/`` beside it (the command line keeps no
    settings to remember it by).

    Raises:
        CommandFailed: what is wrong, and how to restore the newest backup.
    """
    from nit_desk.services.admin.backups import DatabaseFileError, refuse_unusable_file

    try:
        refuse_unusable_file(path, had_database=path.exists())
    except DatabaseFileError as exc:
        latest = exc.latest
        hint = (f"; the newest backup was taken {latest.taken_at:%Y-%m-%d %H:%M}: "
                f"nit-desk restore --db {path} --from {latest.path}" if latest
                else f"; there is no backup of it in {path.parent / 'backups'}")
        raise CommandFailed(exc.message + hint) from None


def open_ready(args: argparse.Namespace) -> Database:
    """Open ``--db`` with the schema at head: an empty database is created,
    an older or newer one is refused (``nit-desk db upgrade`` / a newer program)."""
    db = open_db(args, must_exist=False)
    if migrate.schema_state(db).current is None:
        migrate.upgrade(db, backup=False)
    migrate.ensure_compatible(db)
    return db


def _add_db_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--db", required=required, default=None if required else argparse.SUPPRESS,
        metavar="PATH_OR_URL",
        help="SQLite file or PostgreSQL URL (postgresql+psycopg://user@host/db)",
    )


# -- the workstation -----------------------------------------------------------


def _run_gui(args: argparse.Namespace) -> int:
    """Open the workstation on ``--db``, or on the file chosen in its settings (Qt only here)."""
    target = db_target(args) if args.db is not None else None
    from nit_desk.app.app import run_gui

    return int(run_gui(target))


def _run_demo_gui(args: argparse.Namespace) -> int:
    """Fill a temporary database with demo data and open the workstation on it."""
    from nit_desk.demo import demo
    from nit_desk.services.admin import users
    folder = Path(tempfile.mkdtemp(prefix="nit-desk-demo-"))
    db = open_database(folder / "demo.db")
    try:
        migrate.upgrade(db, backup=False)
        print(f"Preparing demo data in {folder} ...", flush=True)
        summary = demo.load_demo(db, clients=args.demo_clients, seed=1)
        print(summary.describe(), flush=True)
        actor = users.authenticate(db, demo.DEMO_SUPERVISOR, demo.DEMO_PASSWORD).actor
        from nit_desk.app.app import run_gui

        return int(run_gui(str(folder / "demo.db"), demo=True, demo_actor=actor, db=db))
    finally:
        db.dispose()
        shutil.rmtree(folder, ignore_errors=True)


# -- subcommands ---------------------------------------------------------------


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


@subcommand("user", "manage the users who sign in")
def _user(parser: argparse.ArgumentParser) -> Handler:
    actions = parser.add_subparsers(dest="user_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", help="add an agent or a supervisor",
        description="Add a user as the local operator. The password is asked twice on a "
                    "terminal, or read from standard input (one line).")
    add.add_argument("name", metavar="NAME", help="the user name to sign in with")
    add.add_argument("--role", required=True, choices=[r.value for r in Role],
                     help="agent, or supervisor (the first user must be a supervisor)")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input (one line)")
    _add_db_argument(add)
    return _user_add


def _read_password(args: argparse.Namespace) -> str:
    """The new user's password: stdin when asked or not a terminal, else asked twice."""
    if args.password_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise UsageError("--password-stdin", "no password on standard input")
        return line.rstrip("\r\n")
    first = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("Again: ") != first:
        raise UsageError("password", "the two passwords differ")
    return first


def _user_add(args: argparse.Namespace) -> int:
    """Add a user as the local operator (the system actor)."""
    from nit_desk.services.actor import SYSTEM
    from nit_desk.services.admin import users

    db = open_ready(args)
    try:
        role = Role(args.role)
        first = not users.has_users(db)
        if first and role is not Role.SUPERVISOR:
            raise UsageError("--role", "the first user of a database must be a supervisor")
        password = _read_password(args)
        if first:
            info = users.create_first_supervisor(db, args.name, password)
        else:
            info = users.create_user(db, SYSTEM, args.name, role, password)
        print(f"user {info.username} added ({info.role.value})")
        if info.must_change_password:
            print("they choose their own password at the first sign-in")
        return EXIT_OK
    finally:
        db.dispose()


@subcommand("demo", "fill a database with realistic demo data (bulk)")
def _demo(parser: argparse.ArgumentParser) -> Handler:
    _add_db_argument(parser, required=True)
    parser.add_argument("--clients", type=_positive_int, default=2000, metavar="N",
                        help="how many generated clients besides the scenarios (2000)")
    parser.add_argument("--seed", type=int, default=1, metavar="S",
                        help="random seed: the same seed gives the same data (1)")
    return _demo_run


def _demo_run(args: argparse.Namespace) -> int:
    """Load the scenarios and N generated clients into an empty database."""
    from nit_desk.demo import demo

    db = open_ready(args)
    try:
        started = time.perf_counter()
        summary = demo.load_demo(db, clients=args.clients, seed=args.seed,
                                 progress=lambda text: print(text, flush=True))
        print(summary.describe())
        print(f"done in {time.perf_counter() - started:.1f} s")
        print(f"sign in as {demo.DEMO_SUPERVISOR} (supervisor) or "
              f"{', '.join(demo.DEMO_AGENTS)} (agents), password: {demo.DEMO_PASSWORD}")
        return EXIT_OK
    finally:
        db.dispose()


@subcommand("check", "check the database file and the audit chain")
def _check(parser: argparse.ArgumentParser) -> Handler:
    _add_db_argument(parser)
    return _check_run


def _check_run(args: argparse.Namespace) -> int:
    """Exit 0 when the file and the audit chain are intact, else 1 with the first problem."""
    from nit_desk.services.admin.maintenance import check_database
    db = open_db(args, must_exist=True)
    try:
        migrate.ensure_compatible(db)
        report = check_database(db)
    finally:
        db.dispose()
    if not report.ok:
        return _fail(f"check failed: {report.problem}", EXIT_FAILED)
    print(f"OK: {report.audit_entries} audit entries intact")
    return EXIT_OK


@subcommand("backup", "copy the SQLite database safely, even while it is in use")
def _backup(parser: argparse.ArgumentParser) -> Handler:
    _add_db_argument(parser)
    parser.add_argument("--to", required=True, type=Path, metavar="FILE",
                        help="the copy to write")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return _backup_run


def _backup_run(args: argparse.Namespace) -> int:
    """Write a checked online backup of ``--db`` to ``--to`` (never over the live file)."""
    from nit_desk.services.admin.backups import backup_database

    db = open_db(args, must_exist=True)
    try:
        if not db.is_sqlite:
            print("PostgreSQL is backed up with the server's tool: "
                  f"pg_dump --format=custom --file={args.to} <database>")
            return EXIT_FAILED
        target = backup_database(db, args.to, force=args.force)
    finally:
        db.dispose()
    print(f"backed up to {target}")
    return EXIT_OK


@subcommand("restore", "put a backup in place of the SQLite database, keeping the old file")
def _restore(parser: argparse.ArgumentParser) -> Handler:
    _add_db_argument(parser)
    parser.add_argument("--from", dest="source", required=True, type=Path, metavar="FILE",
                        help="the backup to restore (checked first: integrity, schema, audit)")
    return _restore_run


def _restore_run(args: argparse.Namespace) -> int:
    """Check ``--from`` and put it in place of ``--db``; the replaced file is kept beside it.

    Close every desk working on the file first. The target may be missing,
    empty or damaged: that is what a restore is for.
    """
    from nit_desk.services.admin.backups import restore_database

    url = to_url(db_target(args))
    if url.get_backend_name() != "sqlite" or not url.database:
        print("PostgreSQL is restored with the server's tool: "
              f"pg_restore --clean --dbname=<database> {args.source}")
        return EXIT_FAILED
    database = Path(url.database)
    if not database.parent.is_dir():
        raise UsageError("--db", f"the folder {database.parent} does not exist")
    kept = restore_database(database, args.source)
    print(f"restored {url.database} from {args.source}")
    if kept is not None:
        print(f"the replaced file is kept as {kept}")
    return EXIT_OK


@subcommand("db", "schema status and upgrades")
def _db(parser: argparse.ArgumentParser) -> Handler:
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    upgrade = actions.add_parser("upgrade", help="bring the schema up to this program")
    _add_db_argument(upgrade)
    upgrade.add_argument("--no-backup", action="store_true",
                         help="do not copy a SQLite file before upgrading it")
    status = actions.add_parser("status", help="show the schema revision")
    _add_db_argument(status)
    return _db_run


def _db_run(args: argparse.Namespace) -> int:
    """``db upgrade`` or ``db status``."""
    db = open_db(args, must_exist=args.db_action == "status")
    try:
        before = migrate.schema_state(db)
        if args.db_action == "status":
            return _print_status(before)
        if before.too_new:
            migrate.ensure_compatible(db)
        after = migrate.upgrade(db, backup=not args.no_backup)
    finally:
        db.dispose()
    if before.up_to_date:
        print(f"schema is up to date ({after.current})")
    else:
        print(f"schema upgraded from {before.current or 'empty'} to {after.current}")
    return EXIT_OK


def _print_status(state: migrate.SchemaState) -> int:
    current = state.current or "empty"
    if state.too_new:
        print(f"schema {current} is newer than this program ({state.head})")
        return EXIT_FAILED
    verdict = "up to date" if state.up_to_date else "needs 'nit-desk db upgrade'"
    print(f"schema {current}, program {state.head}: {verdict}")
    return EXIT_OK


@global_flag("--self-test", "check this installation (migrations, translations, every "
             "screen) on a temporary database; exit 0 if all is well")
def _self_test(args: argparse.Namespace) -> int:
    """Run :func:`nit_desk.app.selftest.run_self_test` and exit (Qt is imported only here)."""
    del args
    from nit_desk.app.selftest import run_and_exit

    return run_and_exit()


@subcommand("screenshot", "render every main screen on demo data to PNG files (off screen)")
def _screenshot(parser: argparse.ArgumentParser) -> Handler:
    parser.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="folder for the PNG files (created if needed)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="render only this screen (repeatable)")
    parser.add_argument("--language", choices=("en", "ru"), default="ru",
                        help="the language of the screens (ru)")
    parser.add_argument("--size", action="append", type=_window_size, metavar="WxH",
                        help="render the windows at this size (repeatable; "
                             "default 1280x800 and 960x1000)")
    return _screenshot_run


def _window_size(text: str) -> tuple[int, int]:
    """``1280x800`` as (1280, 800); anything else is a wrong argument."""
    match = re.fullmatch(r"\s*(\d{3,4})\s*[xX×]\s*(\d{3,4})\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size like 1280x800: {text!r}")
    return int(match.group(1)), int(match.group(2))


def _screenshot_run(args: argparse.Namespace) -> int:
    """Render the screens of :data:`nit_desk.app.screenshot.SCREENS` and print their paths."""
    from nit_desk.app.screenshot import run_screenshots

    for path in run_screenshots(args.out, args.only, args.language, args.size):
        print(path)
    return EXIT_OK


# -- entry point ---------------------------------------------------------------


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    """The full parser and the handler of each subcommand."""
    parser = _Parser(prog=PROG, description="NIT Desk: the workstation of NIT's call centre.")
    parser.add_argument("--db", default=None, metavar="PATH_OR_URL",
                        help=f"SQLite file or PostgreSQL URL (default: {default_db_path()})")
    parser.add_argument("--demo", action="store_true",
                        help="open the workstation on a temporary database full of demo data")
    parser.add_argument("--demo-clients", type=_positive_int, default=2000, metavar="N",
                        help=argparse.SUPPRESS)
    for flag in GLOBAL_FLAGS.values():
        parser.add_argument(flag.flag, action="store_true", help=flag.help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    handlers: dict[str, Handler] = {}
    for sub in SUBCOMMANDS.values():
        handlers[sub.name] = sub.build(commands.add_parser(sub.name, help=sub.help,
                                                           description=sub.help))
    return parser, handlers


def _choose(parser: argparse.ArgumentParser, handlers: dict[str, Handler],
            args: argparse.Namespace) -> Handler:
    chosen = [f for f in GLOBAL_FLAGS.values() if getattr(args, _dest(f.flag))]
    if args.command:
        if args.demo or chosen:
            parser.error(f"argument {'--demo' if args.demo else chosen[0].flag}: "
                         f"not allowed with the {args.command} command")
        return handlers[args.command]
    if chosen:
        return chosen[0].handler
    if args.demo:
        if args.db is not None:
            parser.error("argument --demo: not allowed with --db (the demo uses a temporary "
                         "database)")
        return _run_demo_gui
    return _run_gui


def _dest(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``nit-desk`` with ``argv`` (default: the process arguments)."""
    make_output_safe()  # before anything prints: a pipe on cp1252 cannot take Cyrillic
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for stream in logging.getLogger().handlers:
        stream.addFilter(RedactingFilter())
    parser, handlers = build_parser()
    try:
        args = parser.parse_args(argv)
        handler = _choose(parser, handlers, args)
    except SystemExit as exc:
        return int(exc.code or 0)
    return _run_handler(handler, args)


if __name__ == "__main__":
    sys.exit(main())
