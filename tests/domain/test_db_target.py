"""The password is cut out of a database URL in one place, whatever it holds (issue 15)."""

from __future__ import annotations

import pytest

from nit_desk.domain.db_target import split_password, without_password
from nit_desk.services.storage.engine import to_url

PASSWORDS = ["plain", "p#ss", "pa/ss", "pa?ss", "p@ss", "p:ss", "p@ss:w0rd/#?x", "%41%",
             "p%40ss", " spaced out "]


@pytest.mark.parametrize("password", PASSWORDS)
def test_any_password_is_cut_out_before_parsing(password: str) -> None:
    """Typed as it is, the password never stays in the address SQLAlchemy parses."""
    address, found = split_password(f"postgresql://anna:{password}@db.office:5433/nit")
    assert address == "postgresql://anna@db.office:5433/nit"
    assert found is not None
    url = to_url(f"postgresql://anna:{password}@db.office:5433/nit")
    assert (url.username, url.host, url.port, url.database) == ("anna", "db.office", 5433, "nit")
    assert url.password == found


def test_percent_encoded_passwords_are_decoded_like_sqlalchemy_does() -> None:
    """``p%40ss%3A1`` is the password ``p@ss:1``."""
    assert split_password("postgresql://anna:p%40ss%3A1@h/nit") == ("postgresql://anna@h/nit",
                                                                    "p@ss:1")


@pytest.mark.parametrize("target", ["/home/anna/nit.db", "C:\\NIT\\nit@desk.db",
                                    "postgresql://anna@h/nit", "postgresql://h/nit",
                                    "sqlite:////tmp/nit.db"])
def test_targets_without_password_are_unchanged(target: str) -> None:
    """Paths (even with an '@') and password-less URLs pass through untouched."""
    assert without_password(target) == target
    assert split_password(target)[1] is None
