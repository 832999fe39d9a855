"""Qt widgets and dialogs."""
