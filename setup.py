"""Build hook: the package carries a copy of the top-level ``resources/``.

Translators and designers edit ``resources/i18n/*.ts`` and ``resources/icons/``
at the top of the checkout. A wheel (and so every non-editable install) needs
them inside the package, so ``build_py`` copies them to ``nit_desk/resources/``
in the build folder; the program compiles a ``.ts`` into its ``.qm`` on first
use (``nit_desk.ui.i18n.ensure_compiled``). An editable install reads the
checkout's ``resources/`` directly (``nit_desk.ui.paths.resources_dir``), and
the frozen program gets its copy from ``packaging/nit-desk.spec``. Everything
else about the build is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent / "resources"
SHIPPED = ("i18n/*.ts", "icons/*.png", "icons/*.ico")


class BuildWithResources(build_py):
    """``build_py`` that also copies ``resources/`` into ``nit_desk/resources/``."""

    def run(self) -> None:
        """Build the package, then add the translations and artwork to it."""
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "nit_desk" / "resources"
        for pattern in SHIPPED:
            for source in sorted(RESOURCES.glob(pattern)):
                destination = target / source.relative_to(RESOURCES)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, destination)


setup(cmdclass={"build_py": BuildWithResources})
