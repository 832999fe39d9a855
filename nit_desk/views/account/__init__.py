"""Signing in, one's password, the connection to the server, this computer's settings."""
