"""The composition root: start-up, bindings, screen placement, self-test, screenshots."""
