"""What a path says about its content: generated lockfiles, binaries, archives, test
fixtures and documentation."""

import re
from fnmatch import fnmatch

# Paths whose content is generated hashes and versions, not credentials.
DEFAULT_ALLOW_PATHS = (
    "*package-lock.json",
    "*npm-shrinkwrap.json",
    "*yarn.lock",
    "*pnpm-lock.yaml",
    "*poetry.lock",
    "*Pipfile.lock",
    "*uv.lock",
    "*pdm.lock",
    "*Cargo.lock",
    "*go.sum",
    "*composer.lock",
    "*Gemfile.lock",
    "*gradle.lockfile",
    "*packages.lock.json",
    "*.map",
    "*.secrets-baseline.json",
)

BINARY_EXTENSIONS = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".bmp",
        ".ico",
        ".webp",
        ".tiff",
        ".psd",
        ".pdf",
        ".mp3",
        ".mp4",
        ".mov",
        ".avi",
        ".wav",
        ".ogg",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".so",
        ".dll",
        ".dylib",
        ".exe",
        ".bin",
        ".o",
        ".a",
        ".class",
        ".pyc",
        ".pyo",
        ".whl",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".zst",
        ".7z",
        ".rar",
        ".iso",
        ".dmg",
        ".db",
        ".sqlite",
        ".sqlite3",
    ]
)
ZIP_EXTENSIONS = (".zip", ".jar", ".war", ".ear", ".apk", ".nupkg", ".docx", ".xlsx")


# Directories of test fixtures: values there are fakes far more often than leaks.
FIXTURE_PATH_RE = re.compile(
    r"(?:^|/)(?:fixtures?|__fixtures__|test[-_]?fixtures|testdata|test[-_]data|__mocks__)/",
    re.IGNORECASE,
)
# Files that should never be committed: environment files, keys and key stores, cloud
# credentials. Templates (.env.example) are fine.
SUSPICIOUS_NAMES = (
    ".env", ".env.*", "*.env", "*.pem", "*.key", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519",
    "*.pfx", "*.p12", "*.jks", "*.keystore", "credentials.json", "credentials", ".netrc",
    ".pgpass", ".npmrc", ".pypirc", "*.kdbx", "terraform.tfstate", "*.ovpn",
)  # fmt: skip
TEMPLATE_SUFFIXES = (".example", ".sample", ".template", ".dist", ".tmpl", ".tpl", ".defaults")
DOC_EXTENSIONS = (".md", ".rst", ".txt", ".adoc", ".asciidoc", ".markdown")
DOC_PATH_RE = re.compile(r"(?:^|/)(?:docs?|examples?|samples?)/", re.IGNORECASE)


def path_allowed(path: str, globs) -> bool:
    return any(fnmatch(path, pattern) for pattern in globs)


def is_binary_path(path: str) -> bool:
    dot = path.rfind(".")
    return dot >= 0 and path[dot:].lower() in BINARY_EXTENSIONS


def is_zip_path(path: str) -> bool:
    return path.lower().endswith(ZIP_EXTENSIONS)


def in_fixture_path(path: str) -> bool:
    return bool(FIXTURE_PATH_RE.search(path))


def is_doc_path(path: str) -> bool:
    return path.lower().endswith(DOC_EXTENSIONS) or bool(DOC_PATH_RE.search(path))


def is_suspicious_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    if name.lower().endswith(TEMPLATE_SUFFIXES):
        return False
    return any(fnmatch(name, pattern) for pattern in SUSPICIOUS_NAMES)
