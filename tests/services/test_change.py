"""Change.concerns: the one rule every screen's reload check uses."""

from __future__ import annotations

import pytest

from nit_desk.services.change import EVERYTHING, Change


def _change(*entities: str, clients: tuple[int, ...] = ()) -> Change:
    return Change(entities=frozenset(entities), client_ids=frozenset(clients))


@pytest.mark.parametrize(("entities", "client_id"), [
    ((), None), (("payment",), None), (("payment",), 7), ((), 7),
])
def test_everything_concerns_every_screen(entities: tuple[str, ...], client_id: int | None) -> None:
    assert EVERYTHING.is_everything
    assert EVERYTHING.concerns(*entities, client_id=client_id)


def test_no_filter_concerns_any_change() -> None:
    assert _change("price_item").concerns()


def test_an_entity_shown_concerns() -> None:
    assert _change("payment", "request").concerns("request")


def test_any_of_several_entities_concerns() -> None:
    assert _change("ban").concerns("payment", "ban")


def test_another_entity_does_not_concern() -> None:
    assert not _change("price_item").concerns("payment", "request")
    assert not _change("price_item").is_everything


def test_the_clients_change_concerns_its_screen() -> None:
    assert _change("request", clients=(3, 7)).concerns("request", client_id=7)
    assert _change("request", clients=(7,)).concerns(client_id=7)


def test_another_clients_change_does_not_concern() -> None:
    assert not _change("request", clients=(3,)).concerns("request", client_id=7)
    assert not _change("request", clients=(3,)).concerns(client_id=7)


def test_a_change_naming_no_client_concerns_no_clients_screen() -> None:
    """A price or a user names no client: a client's screen ignores it."""
    assert not _change("price_item").concerns(client_id=7)
    assert not _change("request").concerns("request", client_id=7)


def test_the_entity_must_match_even_for_the_client() -> None:
    assert not _change("payment", clients=(7,)).concerns("checklist_template", client_id=7)
