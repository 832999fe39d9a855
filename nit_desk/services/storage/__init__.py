"""SQLAlchemy storage: models, engine, migrations."""
