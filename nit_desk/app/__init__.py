"""The composition root: start-up, bindings, screen placement, self-test, screenshots.

The one package that may import every layer (services with their storage,
views, models): it binds the services of one database and user to the screens
and puts them into the main window. Nothing but the cli imports it.
"""
