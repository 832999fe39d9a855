"""The hash chain behind the append-only audit log (R17).

Each entry's hash covers its own fields and the hash of the entry before it,
so an edited, deleted or inserted row breaks the chain at that point.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """Stable JSON: sorted keys, no spaces, Unicode kept, dates as ISO text."""
    if value is None or value == "":
        return ""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)


def entry_hash(
    *, seq: int, at: datetime, actor_id: int | None, actor_name: str, action: str,
    entity: str, entity_id: int | None, client_id: int | None, before: str, after: str,
    prev_hash: str,
) -> str:
    """The SHA-256 of one entry's content and the previous entry's hash."""
    payload = json.dumps(
        [seq, at.isoformat(timespec="microseconds"), actor_id, actor_name, action, entity,
         entity_id, client_id, before, after, prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
