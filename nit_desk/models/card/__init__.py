"""Item models of the client card: checklist, history (the audit trail), work log."""
