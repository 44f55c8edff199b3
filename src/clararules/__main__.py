"""``python -m clararules``: the command line."""

import sys

from clararules.cli.main import main

sys.exit(main())
