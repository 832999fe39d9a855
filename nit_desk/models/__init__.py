"""Qt item models over service DTOs, one folder per feature."""
