"""What the supervisor console's ban review reads in one call: plain data (R10-R12, R17)."""

from __future__ import annotations

from dataclasses import dataclass

from nit_desk.services.admin.audit_dto import AuditRecord
from nit_desk.services.dto import (
    BannedClient,
    BanProposalDTO,
    ClientCard,
    SensitiveActionDTO,
    TemplateDTO,
)


@dataclass(frozen=True)
class BanEvidence:
    """What a supervisor weighs about one client: the checklist, R8 records, history."""

    card: ClientCard
    sensitive: tuple[SensitiveActionDTO, ...]
    history: tuple[AuditRecord, ...]


@dataclass(frozen=True)
class BanReviewView:
    """The ban review tab's lists, and the evidence of the client it will show.

    ``templates`` is empty unless asked for (the step titles of every template
    version, read once per tab). ``evidence`` is about the client the tab keeps
    selected (see :func:`nit_desk.services.admin.ban_review.ban_review`), None
    when there is nobody to show.
    """

    proposals: tuple[BanProposalDTO, ...]
    banned: tuple[BannedClient, ...]
    templates: tuple[TemplateDTO, ...]
    evidence: BanEvidence | None


@dataclass(frozen=True)
class BanEffect:
    """What approving a ban would do now, said before the supervisor decides (R12)."""

    open_requests: int
    forfeited_kopecks: int
