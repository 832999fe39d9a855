"""The queue's item model: keyset pages fetched off the GUI thread."""
