"""Demo data made through the real services; only app/ and the cli import it."""
