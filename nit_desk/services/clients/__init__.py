"""Clients and their card: intake, contacts, checklist, trust, sensitive actions, bans,
corrections, the work log."""
