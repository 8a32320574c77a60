"""The console's built bundle (frontend/ → vigil/console/dist/), served by whitenoise.

`make ui` writes it; it is committed so `make run` and a `pip install` need no Node.
Every file under /assets/ carries a content hash in its name (Vite's
`[name]-[hash].[ext]`), so it is cached for good; index.html is not cached at all.
"""

from pathlib import Path

from whitenoise.middleware import WhiteNoiseMiddleware

DIST_DIR = Path(__file__).resolve().parent / "dist"
ASSETS_URL = "/assets/"


class ConsoleWhiteNoiseMiddleware(WhiteNoiseMiddleware):
    """Whitenoise for STATIC_ROOT, plus the console's hashed bundle at /assets/."""

    def __init__(self, get_response=None):
        super().__init__(get_response)
        if (DIST_DIR / "assets").is_dir():
            self.add_files(str(DIST_DIR / "assets"), prefix=ASSETS_URL)

    def immutable_file_test(self, path, url):
        return url.startswith(ASSETS_URL) or super().immutable_file_test(path, url)
