"""`python -m aiguillage.cli …`: the same as the `aiguillage` command."""

import sys

from aiguillage.cli import main

sys.exit(main())
