"""Use cases: plain functions over a unit of work, one folder per feature; no Qt here."""
