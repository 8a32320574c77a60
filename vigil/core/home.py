"""Where an installation keeps its `.env` and `var/` (SQLite database, static files).

`vigil` is run from cron, systemd units and hooks, whose current directory is rarely the
installation's. The home is, in this order: `VIGIL_HOME`; the checkout the package runs
from, or the directory holding the virtualenv it is installed in, when that holds a
`.env`; else the current directory. The choice and its reason are kept for messages.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

# vigil/core/home.py -> the checkout (an editable install or a source tree).
CHECKOUT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Home:
    path: Path
    reason: str

    @property
    def env_file(self) -> Path:
        return self.path / ".env"


def installations() -> list[Path]:
    """Directories this copy of Vigil was installed from or into."""
    found = [CHECKOUT]
    if sys.prefix != sys.base_prefix:  # in a virtualenv: the directory holding it
        found.append(Path(sys.prefix).resolve().parent)
    return list(dict.fromkeys(found))


def find_home(environ=os.environ, cwd: Path | None = None, candidates=None) -> Home:
    if environ.get("VIGIL_HOME"):
        return Home(Path(environ["VIGIL_HOME"]).resolve(), "VIGIL_HOME")
    for place in installations() if candidates is None else candidates:
        if (place / ".env").is_file():
            return Home(place, "the installation's directory")
    cwd = (cwd or Path.cwd()).resolve()
    return Home(cwd, "the current directory (no .env beside the installation)")


def missing_secret_key(home: Home) -> str:
    found = "exists but does not set it" if home.env_file.is_file() else "does not exist"
    return (
        f"DJANGO_SECRET_KEY is not set: not in the environment, and {home.env_file} (home: "
        f"{home.reason}) {found}. If this installation's .env is elsewhere, set VIGIL_HOME "
        "to its directory (a new key here would start a new, empty database). For a new "
        "installation in this directory: `make env` writes one."
    )
