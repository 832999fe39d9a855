"""The estimate editor's one read: request, versions and price list together (R15, R18)."""

from __future__ import annotations

import pytest

from nit_desk.domain.errors import NotFound, PermissionDenied
from nit_desk.domain.types import Unit
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.money import estimates, pricelist
from nit_desk.services.queue import claims
from nit_desk.services.storage.engine import Database
from tests.services.money_fixtures import line, make_client, make_request


def test_r15_estimate_view_is_what_the_three_reads_return(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    """R15: the one read equals request_detail, list_versions and the active price list."""
    pricelist.seed_default_price_list(db)
    withdrawn = pricelist.list_price_items(db, agent)[0]
    pricelist.set_price_item_active(db, supervisor, withdrawn.id, False)
    request_id = make_request(db, make_client(db))
    first = estimates.create_draft(db, agent, request_id)
    first = estimates.save_draft(db, agent, first.id, first.version,
                                 lines=[line("Диагностика", "1", Unit.SERVICE, 500)], note="")
    estimates.propose(db, agent, first.id)
    estimates.reject(db, agent, first.id)
    estimates.create_draft(db, agent, request_id, based_on=first.id)

    view = estimates.estimate_view(db, agent, request_id)

    assert view.request == claims.request_detail(db, agent, request_id)
    assert view.versions == estimates.list_versions(db, agent, request_id)
    assert [v.number for v in view.versions] == [1, 2]
    assert view.price_items == pricelist.list_price_items(db, agent)
    assert withdrawn.id not in {item.id for item in view.price_items}


def test_estimate_view_of_a_request_without_estimate(db: Database, agent: Actor) -> None:
    """A request with no version yet: the request, no versions, the price list."""
    pricelist.seed_default_price_list(db)
    request_id = make_request(db, make_client(db))
    view = estimates.estimate_view(db, agent, request_id)
    assert view.request.id == request_id and view.request.client_handle == "@pc_slow_msk"
    assert view.versions == ()
    assert len(view.price_items) == len(pricelist.list_price_items(db, agent))


def test_estimate_view_of_no_such_request_is_refused(db: Database, agent: Actor) -> None:
    """An unknown request id is NotFound, as with list_versions."""
    with pytest.raises(NotFound):
        estimates.estimate_view(db, agent, 999_999)


def test_r18_estimate_view_refuses_an_inactive_user(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    """R18: the read checks the caller like every service call."""
    request_id = make_request(db, make_client(db))
    users.set_active(db, supervisor, agent.user_id, False)
    with pytest.raises(PermissionDenied):
        estimates.estimate_view(db, agent, request_id)
