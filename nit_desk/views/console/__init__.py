"""The supervisor console: ban review, audit, checklist template, users, price list, reports."""
