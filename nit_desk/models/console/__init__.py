"""Item models of the supervisor console and what it needs from the services."""
