"""The application shell: event loop, service runner, events bridge, errors, settings.

``nit_desk.gui`` is the composition root: it may import the services and the
storage, and it hands views what they need (a :class:`~nit_desk.gui.runner.ServiceRunner`,
the :class:`~nit_desk.gui.events.AppEvents` bridge, bound service gateways).
The modules ``runner``, ``events``, ``errors``, ``settings`` and ``paths`` import no
storage, so views may import them.
"""
