"""Pure business rules of NIT Desk (DOMAIN.md R1-R18): no Qt, no database."""
