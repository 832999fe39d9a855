"""The supervisor's desk: users and passwords, the audit log, reports, database care."""
