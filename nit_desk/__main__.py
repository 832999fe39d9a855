"""``python -m nit_desk``: the same as the ``nit-desk`` command."""

import sys

from nit_desk.cli import main

sys.exit(main())
