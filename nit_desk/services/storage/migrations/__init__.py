"""Alembic migrations, shipped inside the package and run by nit_desk.services.storage.migrate."""
