"""What is not a secret: code, hashes, identifiers, low entropy; documented examples
and placeholders live in examples.py.

Every function here answers one question about a candidate value or path, so the engine
reads as a list of reasons to drop a match.
"""

import base64
import binascii
import math
import re
import unicodedata
import zlib
from collections import Counter
from urllib.parse import unquote

from vigil.secretscan import examples

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

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
# "tok123@github.com/o/r": a URL's user info and host, which the URL rules judge.
URL_TAIL_RE = re.compile(r"@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}(?:[/:?#]|$)")
# "pw;PORT=50001": the rest of a connection string, not a password.
CONNECTION_STRING_RE = re.compile(r";\s*\w+=")
# A format string is code: "_Proxy_%s_%s", "user-{0}-{1}".
FORMAT_FIELD_RE = re.compile(r"%[sdrifx]|\{\d*\}|\{[a-z_]+(?::[^}]*)?\}")
HEX_RE = re.compile(r"^[0-9a-fA-F]+$")
HEX_ENTROPY = 3.0  # 16 symbols: a random hex string has at most 4 bits a character
SHORT_VALUE = 8

# Names whose value is a credential, and the endings that make them something else:
# `session_secret` holds one, `token_hash`, `api_key_id` and `secret_name` do not.
SECRET_NAME_RE = re.compile(
    r"(?i)secret|passw|passphrase|pwd|token|credential|api_?key|apikey|private_?key|"
    r"(?:encryption|encrypt|signing|sign|hmac|fernet|master|aes|cipher|crypt|jwt|session|"
    r"cookie|app|auth|access|webhook|license|account|storage)_?key"
)
NOT_SECRET_NAME_RE = re.compile(
    r"(?i)(?:^|[_.-])(?:ids?|hash(?:es)?|hashed|sha\d*|md5|digest|checksum|sum|integrity|etag|"
    r"commit|rev|revision|fingerprint|version|url|uri|endpoint|path|file|dir|name|type|"
    r"length|len|size|count|expiry|expires?|expiration|ttl|timeout|header|prefix|format|"
    r"pattern|regex|label|hint|placeholder|field|policy|reset|validators?|min|max|env|"
    r"var|variable|ref|key_?ref|mode|method|algorithm|alg|scheme|scope|kind)$"
    r"|hash|digest"
)


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


def valid_jwt(token: str) -> bool:
    header, claims = examples.jwt_parts(token)
    if not header or "alg" not in header or header.get("alg") == "none":
        return False
    return not examples.is_documented_jwt(claims)


def valid_basic_auth(value: str) -> bool:
    """base64 of `user:password` with a password that is not a documentation one."""
    try:
        user, sep, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
    except (binascii.Error, ValueError):
        return False
    return bool(sep and password) and not (
        examples.is_placeholder(password) or examples.is_documented_login(user, password)
    )


def is_placeholder(value: str) -> bool:
    return examples.is_placeholder(value)


def is_documented_login(user: str, password: str) -> bool:
    return examples.is_documented_login(user, unquote(password))


def _plain(value: str) -> str:
    # "p%C3%A4ssword" -> "password": percent-encoding and accents do not hide a word.
    decomposed = unicodedata.normalize("NFKD", unquote(value))
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


def entropy_below(value: str, threshold: float) -> bool:
    if HEX_RE.match(value):
        threshold = min(threshold, HEX_ENTROPY)
    # A short string cannot reach a long one's entropy: n distinct characters give at
    # most log2(n) bits, and a random one of length n about 0.85 of that. Below 8
    # characters the rule's threshold stands: such values are words more often than not.
    if len(value) >= SHORT_VALUE:
        threshold = min(threshold, 0.85 * math.log2(len(value)))
    return shannon_entropy(value) < threshold


def secret_name(name: str | None) -> bool:
    return bool(name) and bool(SECRET_NAME_RE.search(name)) and not NOT_SECRET_NAME_RE.search(name)


def plausible_secret(value: str) -> bool:
    """A value under a credential's name that is neither made up nor trivially short."""
    return len(value) >= 8 and not is_placeholder(value) and shannon_entropy(value) >= 3.0


def is_generic_false_positive(value: str, name: str | None = None) -> bool:
    lowered = value.lower()
    if name and NOT_SECRET_NAME_RE.search(name):
        return True
    if any(word in lowered for word in GENERIC_STOPWORDS):
        return True
    plain = _plain(value) if "%" in value else lowered
    if "%" in value and any(word in plain for word in GENERIC_STOPWORDS):
        return True
    if SRI_RE.match(value) or CONNECTION_STRING_RE.search(plain) or URL_TAIL_RE.search(value):
        return True
    if format_string(value):
        return True
    # Hex digests and UUIDs are identifiers, unless the name says they are the secret.
    if (UUID_RE.match(value) or HEX_HASH_RE.match(value)) and not secret_name(name):
        return True
    if dotted_identifier(value) or PATHLIKE_RE.match(value) or CAMEL_WORDS_RE.match(value):
        return True
    if PERCENT_ENCODED_RE.search(value) or looks_like_identifier(value):
        return True
    if value.startswith(("http://", "https://", "/", "./", "../", "sha256:", "sha512:", "data:")):
        return True
    return not mixes_classes(unquote(value))


LETTER_RUN_RE = re.compile(r"[A-Za-z]+")
WORD_LIKE_RE = re.compile(r"^(?:[a-z]{3,}|[A-Z][a-z]{2,}|[A-Z]{3,})$")


def mixes_classes(value: str) -> bool:
    """A literal credential mixes letters with digits or symbols, or flips case often
    ("jXGZZqdLUfTNKwqh"); words ("apples/oranges") or a number alone are not one."""
    runs = LETTER_RUN_RE.findall(value)
    if not runs:
        return False
    if any(c.isdigit() for c in value):
        return True
    if any(not c.isalnum() for c in value.strip("_.-")) and not all(
        WORD_LIKE_RE.match(run) for run in runs
    ):
        return True
    flips = sum(1 for a, b in zip(value, value[1:], strict=False) if a.isupper() != b.isupper())
    return flips >= 6


def format_string(value: str) -> bool:
    # "_AssociationProxy_%s_%s" is a name with fields; "TfSh6!sbDMsYZx%s" is random.
    if not FORMAT_FIELD_RE.search(value):
        return False
    rest = FORMAT_FIELD_RE.sub("", value).strip("_-.:/")
    return not rest or looks_like_identifier(rest) or bool(CAMEL_WORDS_RE.match(rest))


def dotted_identifier(value: str) -> bool:
    # "settings.API_TOKEN", "os.environ": every part a word; "x7Kq2.Pz9w" is a password.
    if not IDENTIFIER_RE.match(value):
        return False
    parts = value.removesuffix("()").split(".")
    return all((len(p) <= 4 and p.isalpha()) or looks_like_identifier(p) for p in parts)


def looks_like_identifier(value: str) -> bool:
    # CamelCase / snake_case names made of words ("PKCS7PrivateKeyTypes") are code.
    if not value.replace("_", "").replace(".", "").isalnum():
        return False
    if sum(c.isdigit() for c in value) > 2:
        return False
    # Words have vowels; "Xjghlnn" in a random string is not one.
    words = [w for w in WORD_RUN_RE.findall(value) if w.isupper() or _voiced(w)]
    return sum(len(w) for w in words) >= 0.7 * len(value)


def _voiced(word: str) -> bool:
    return sum(c in "aeiouyAEIOUY" for c in word) >= 0.2 * len(word)
