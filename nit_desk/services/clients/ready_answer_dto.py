"""What the ready-answer services return: storage-free, so screens import it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadyAnswerDTO:
    """One ready answer: its title (what the agent types to find it) and template text."""

    id: int
    position: int
    title: str
    body: str
    active: bool
    version: int
