"""Qt widgets and dialogs, one folder per feature; widgets two features share stay here."""
