import shlex
import sys

from vigil.secretscan.cli import main

# The git hook runs `python -m vigil.secretscan`: messages name that command, which works
# whether or not Vigil's scripts are on PATH.
sys.exit(main(prog=f"{shlex.quote(sys.executable)} -m vigil.secretscan"))
