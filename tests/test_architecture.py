"""The layering contract and code hygiene, checked on every test run (STYLE.md)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import subprocess
import sys
import typing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    """The layers, the independent features, no Qt below services, no storage in screens."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_is_clean() -> None:
    """ruff (E, F, W, B, I, UP) finds nothing in the package and the tests."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "nit_desk", "tests",
                             "benchmarks"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    """mypy (disallow_untyped_defs) finds nothing in the package."""
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- what services hand to the screens ---------------------------------------------

_SERVICE_PACKAGES = ("queue", "clients", "money", "admin")


def _service_functions() -> list[tuple[str, object]]:
    """Every public function of the use-case packages whose first parameter is ``db``."""
    import nit_desk.services as services

    found = []
    for info in pkgutil.walk_packages(services.__path__, "nit_desk.services."):
        if info.name.split(".")[2] not in _SERVICE_PACKAGES:
            continue
        module = importlib.import_module(info.name)
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) \
                    or fn.__module__ != module.__name__:
                continue
            params = list(inspect.signature(fn).parameters)
            if params[:1] == ["db"]:
                found.append((f"{info.name}.{name}", fn))
    return found


def _storage_types(hint: object) -> list[str]:
    """The classes inside a type hint that belong to storage or SQLAlchemy."""
    found = []
    for arg in typing.get_args(hint):
        found += _storage_types(arg)
    origin = typing.get_origin(hint) or hint
    module = getattr(origin, "__module__", "") or ""
    if module.startswith(("nit_desk.services.storage", "sqlalchemy")):
        found.append(f"{module}.{getattr(origin, '__qualname__', origin)}")
    return found


def test_service_functions_return_dtos_or_plain_values_never_orm_objects() -> None:
    """What a screen receives is frozen data it may keep; an ORM object would tie it to
    a session that is closed by then (STYLE.md: services return frozen dataclasses)."""
    functions = _service_functions()
    assert len(functions) > 60  # the walk found the services
    leaks = {}
    for name, fn in functions:
        hints = typing.get_type_hints(fn)
        assert "return" in hints, f"{name} has no return annotation"
        bad = _storage_types(hints["return"])
        if bad:
            leaks[name] = bad
    assert leaks == {}


def test_returned_dataclasses_are_frozen() -> None:
    """A returned dataclass cannot be changed behind the service's back."""
    mutable = set()
    for _name, fn in _service_functions():
        for cls in _classes_in(typing.get_type_hints(fn)["return"]):
            if dataclasses.is_dataclass(cls) and not cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                mutable.add(f"{cls.__module__}.{cls.__qualname__}")
    assert mutable == set()


def _classes_in(hint: object) -> list[type]:
    found = [cls for arg in typing.get_args(hint) for cls in _classes_in(arg)]
    origin = typing.get_origin(hint) or hint
    if isinstance(origin, type):
        found.append(origin)
    return found
