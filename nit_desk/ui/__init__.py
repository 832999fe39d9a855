"""What every screen may use: runner, events bridge, errors, settings, paths, i18n, formatters.

Nothing here imports storage, a view or an item model (import-linter's layers
contract, ``docs/architecture.md``): views and item models build on it.
"""
