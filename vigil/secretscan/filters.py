"""What is not a secret: documented example keys, placeholders, references, hashes.

Every function here answers one question about a candidate value or path, so the engine
reads as a list of reasons to drop a match.
"""

import base64
import binascii
import json
import math
import re
import unicodedata
import zlib
from collections import Counter
from fnmatch import fnmatch
from urllib.parse import unquote

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# Values published in vendor documentation as examples.
DOCUMENTED_EXAMPLES = frozenset(
    {
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AKIAI44QH8DHBEXAMPLE",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "ASIAIOSFODNN7EXAMPLE",
        # RFC 6749 (OAuth 2.0) example tokens
        "2YotnFZFEjr1zCsicMWpAA",
        "tGzv3JOkF0XG5Qx2TlKWIA",
        "SplxlOBeZQQYbYS6WxSbIA",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    }
)

PLACEHOLDER_WORDS = (
    "example",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "replace_me",
    "replaceme",
    "your_",
    "your-",
    "yourkey",
    "xxxx",
    "******",
    "redacted",
    "dummy",
    "notreal",
    "not_real",
    "not-a-real",
    "fake",
    "sample",
    "<",
    "insert",
    "todo",
)

# Generic assignments: words that mark code, not a literal credential.
GENERIC_STOPWORDS = (
    "password",
    "passwd",
    "secret",
    "token",
    "test",
    "getenv",
    "environ",
    "config",
    "settings",
    "none",
    "null",
    "true",
    "false",
    "self.",
    "os.",
    "process.env",
    "request.",
    "args.",
    "kwargs",
    "options",
    "params",
    "_field",
    "form.",
    "input",
    "str(",
    "func",
    "lambda",
)

# Notorious stand-in passwords, also in leetspeak ("s3cr3t", "hunt3r2").
STAND_IN_PASSWORDS = frozenset(
    [
        "secret",
        "password",
        "passwd",
        "hunter2",
        "letmein",
        "changeme",
        "token",
        "qwerty",
        "admin",
        "test",
        "pass",
        "welcome",
        "default",
        "root",
        "toor",
        "guest",
    ]
)
LEET = str.maketrans("013457@$", "oleastas")

REFERENCE_RE = re.compile(
    r"^(?:\$\{?[A-Za-z_][A-Za-z0-9_.]*\}?|\$\(.*\)|\{\{.*\}\}|%\(.*\)s|%[sd]|\{[A-Za-z_]*\}|"
    r"<[^>]*>|\[[^\]]*\]|#\{.*\}|@[A-Za-z_]+@|ENC\[.*\])$"
)
EMBEDDED_REFERENCE_RE = re.compile(r"\$\{[^}]+\}|\{\{[^}]+\}\}|%\([a-z_]+\)s")
UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
SRI_RE = re.compile(r"^sha(?:1|256|384|512)-[A-Za-z0-9+/=]+$")
HEX_HASH_RE = re.compile(r"^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64}|[a-f0-9]{128})$")
IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?:\(\))?$")
PATHLIKE_RE = re.compile(r"^(?:[\w.-]*/){2,}[\w.-]*$")
# Names and phrases of words ("sign-me-please-123456"), not random strings.
CAMEL_WORDS_RE = re.compile(r"^(?:[A-Z]?[a-z]{2,}){3,}$|^[a-z]+(?:[_-][a-z]+){2,}(?:[_-]?\d+)?$")
WORD_RUN_RE = re.compile(r"[A-Z]?[a-z]{3,}|[A-Z]{3,}(?![a-z])")
PERCENT_ENCODED_RE = re.compile(r"(?:%[0-9A-Fa-f]{2}){3}")

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
    "*.min.js",
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


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    counts = Counter(value)
    length = len(value)
    return -sum(c / length * math.log2(c / length) for c in counts.values())


def base62_encode(number: int, width: int = 6) -> str:
    digits = ""
    while number:
        number, rem = divmod(number, 62)
        digits = BASE62[rem] + digits
    return digits.rjust(width, "0")


def github_checksum(body: str) -> str:
    """The 6-character base62 CRC32 GitHub appends to the random part of a token."""
    return base62_encode(zlib.crc32(body.encode("ascii")))


def valid_github_token(token: str) -> bool:
    # The checksum covers the last underscore-separated part minus its own 6 characters
    # (ghp_<30 random><6 crc>; github_pat_<22>_<53 random><6 crc>).
    last = token.rsplit("_", 1)[-1]
    if len(last) <= 6 or not last.isalnum():
        return False
    return github_checksum(last[:-6]) == last[-6:]


def _b64url_json(segment: str):
    padded = segment + "=" * (-len(segment) % 4)
    try:
        return json.loads(base64.urlsafe_b64decode(padded))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def valid_jwt(token: str) -> bool:
    header_segment = token.split(".", 1)[0]
    header = _b64url_json(header_segment)
    return isinstance(header, dict) and "alg" in header and header.get("alg") != "none"


def is_placeholder(value: str) -> bool:
    lowered = value.lower()
    if value in DOCUMENTED_EXAMPLES or any(word in lowered for word in PLACEHOLDER_WORDS):
        return True
    if lowered.translate(LEET) in STAND_IN_PASSWORDS or lowered in STAND_IN_PASSWORDS:
        return True
    if REFERENCE_RE.match(value) or EMBEDDED_REFERENCE_RE.search(value):
        return True
    # One repeated character or a run like 1234567890 / abcdef...
    if len(set(value)) <= 3:
        return True
    return "123456789" in value or "abcdefghij" in lowered or "987654321" in value


def _plain(value: str) -> str:
    # "p%C3%A4ssword" -> "password": percent-encoding and accents do not hide a word.
    decomposed = unicodedata.normalize("NFKD", unquote(value))
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


def is_generic_false_positive(value: str) -> bool:
    lowered = value.lower()
    if any(word in lowered for word in GENERIC_STOPWORDS):
        return True
    if "%" in value and any(word in _plain(value) for word in GENERIC_STOPWORDS):
        return True
    if UUID_RE.match(value) or SRI_RE.match(value) or HEX_HASH_RE.match(value):
        return True
    if IDENTIFIER_RE.match(value) or PATHLIKE_RE.match(value) or CAMEL_WORDS_RE.match(value):
        return True
    if PERCENT_ENCODED_RE.search(value) or looks_like_identifier(value):
        return True
    if value.startswith(("http://", "https://", "/", "./", "../", "sha256:", "sha512:")):
        return True
    # A literal credential mixes character classes; a word or a number alone is code.
    has_digit = any(c.isdigit() for c in value)
    has_alpha = any(c.isalpha() for c in value)
    return not (has_digit and has_alpha)


def looks_like_identifier(value: str) -> bool:
    # CamelCase / snake_case names made of words ("PKCS7PrivateKeyTypes") are code.
    if not value.replace("_", "").replace(".", "").isalnum():
        return False
    if sum(c.isdigit() for c in value) > 2:
        return False
    covered = sum(len(w) for w in WORD_RUN_RE.findall(value))
    return covered >= 0.7 * len(value)


def path_allowed(path: str, globs) -> bool:
    return any(fnmatch(path, pattern) for pattern in globs)


def is_binary_path(path: str) -> bool:
    dot = path.rfind(".")
    return dot >= 0 and path[dot:].lower() in BINARY_EXTENSIONS


def is_zip_path(path: str) -> bool:
    return path.lower().endswith(ZIP_EXTENSIONS)
