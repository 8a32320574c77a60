import sys

from vigil.secretscan.cli import main

sys.exit(main())
