"""Where Vigil keeps its state (.env, var/: the SQLite database, static files, logs),
and the .env files, read before any setting."""

import os
from pathlib import Path

from dotenv import load_dotenv

from vigil.core.env import env_str
from vigil.core.home import find_home

home = find_home()
VIGIL_HOME = home.path

# .env never overrides the real environment; .env.dev is read only in development.
load_dotenv(VIGIL_HOME / ".env", override=False)
if os.environ.get("DJANGO_ENV") == "dev":
    load_dotenv(VIGIL_HOME / ".env.dev", override=False)

VAR_DIR = Path(env_str("VIGIL_VAR_DIR") or VIGIL_HOME / "var")
