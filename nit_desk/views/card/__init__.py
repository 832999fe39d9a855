"""The client card and its dialogs: intake, checklist, sensitive actions, bans,
corrections, a request's life and its work log."""
