"""The one redaction function, used by logging, admin and API output.

`redact(value)` returns a copy of strings, mappings and sequences with secrets masked:
whole values under secret-looking keys, and known secret shapes inside free text
(tokens, credentials in URLs, webhook URLs, private keys, password=... assignments).
Every pattern is precompiled and uses bounded repetition, so one pass is linear in the
size of the text: this runs on every log line.
"""

import functools
import logging
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

MASK = "***"
PREVIEW_CHARS = 4
PREVIEW_MIN_LENGTH = 24
MAX_DEPTH = 32

# Keys are compared after lower-casing and dropping "-", "_", ".", and spaces, so
# "X-Api-Key", "api_key" and "apiKey" are one key.
_SECRET_KEYS = frozenset(
    {"auth", "key", "keys", "pwd", "sig", "signature", "session", "dsn", "cookie"}
)
_SECRET_SUFFIXES = (
    "password", "passwd", "passphrase", "secret", "secrets", "token", "apikey", "apikeys",
    "privatekey", "accesskey", "secretkey", "signingkey", "encryptionkey", "encryptionkeys",
    "routingkey", "integrationkey", "licensekey", "credential", "credentials", "authorization",
    "cookie", "sessionid", "sessionkey", "dsn", "webhookurl", "webhook", "hookurl",
    "databaseurl", "brokerurl", "redisurl", "auth", "clientsecret", "signature",
)  # fmt: skip
_NO_PREVIEW = ("password", "passwd", "passphrase", "pwd", "pin")
_KEY_JUNK = re.compile(r"[-_. ]")
_HEADER_KEYS = frozenset({"authorization", "proxyauthorization", "cookie", "setcookie"})


def _normal_key(key: object) -> str:
    return _KEY_JUNK.sub("", str(key).lower())


def is_secret_key(key: object) -> bool:
    if isinstance(key, str):
        return _is_secret_name(key)
    name = _normal_key(key)
    return name in _SECRET_KEYS or name.endswith(_SECRET_SUFFIXES)


@functools.lru_cache(maxsize=4096)
def _is_secret_name(key: str) -> bool:
    # The same few key names come back in every snapshot; remember the answer.
    name = _normal_key(key)
    return name in _SECRET_KEYS or name.endswith(_SECRET_SUFFIXES)


def _mask_value(key: object, value: Any) -> Any:
    if value is None or value == "" or isinstance(value, bool):
        return value  # "not set" and feature flags are useful and reveal nothing
    if not isinstance(value, str):
        return MASK
    if value.startswith(("http://", "https://")):
        host = _hostname(value)
        if host:
            return f"{value.split(':', 1)[0]}://{host}/{MASK}"
    name = _normal_key(key)
    if len(value) >= PREVIEW_MIN_LENGTH and not any(word in name for word in _NO_PREVIEW):
        return value[:PREVIEW_CHARS] + MASK
    return MASK


def _hostname(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _keep_prefix(match: re.Match) -> str:
    return match.group("prefix") + MASK


def _assignment(match: re.Match) -> str:
    key = match.group("key")
    # Authorization and Cookie have their own rules, which keep the auth scheme.
    if not is_secret_key(key) or _normal_key(key) in _HEADER_KEYS:
        return match.group(0)
    index = next(i for i in (2, 3, 4) if match.group(i) is not None)
    start, end = (pos - match.start() for pos in match.span(index))
    whole = match.group(0)
    return whole[:start] + MASK + whole[end:]


def _query_param(match: re.Match) -> str:
    if not is_secret_key(match.group(2)) or not match.group(3):
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}={MASK}"


def _userinfo(match: re.Match) -> str:
    user = match.group("user")
    # A bare "token@host" is usually the secret itself; "user:password@" keeps the user.
    if match.group("password") is None:
        return f"{match.group('scheme')}{MASK}@"
    return f"{match.group('scheme')}{user}:{MASK}@"


_KNOWN_PREFIXES = (
    r"sk-ant-(?:api|admin)\d\d-|sk-(?:proj|svcacct|admin)-|sk-|sk_live_|sk_test_|rk_live_|"
    r"gh[pousr]_|github_pat_|glpat-|xox[abposre]-|xapp-|npm_|pypi-|AIza|hf_|SG\."
)
_V = r"[A-Za-z0-9_\-]"
_RULES: tuple[tuple[re.Pattern, Any], ...] = (
    (
        re.compile(
            r"(-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----)"
            r"(?:[\s\S]*?-----END [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----|[\s\S]*)"
        ),
        lambda m: f"{m.group(1)}{MASK}",
    ),
    (
        re.compile(
            r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.\-]{0,20}://)"
            r"(?P<user>[^\s/?#:\"'<>]{0,256})(?::(?P<password>[^\s/?#\"'<>]{0,256}))?@"
        ),
        _userinfo,
    ),
    (re.compile(r"(?i)(hooks\.slack\.com/(?:services|workflows|triggers)/)[^\s\"'<>?#]{1,512}"),
     lambda m: m.group(1) + MASK),
    (re.compile(r"(?i)(discord(?:app)?\.com/api/(?:v\d{1,2}/)?webhooks/\d{1,30}/)[^\s\"'<>/?#]{1,512}"),
     lambda m: m.group(1) + MASK),
    (re.compile(r"(?i)(api\.telegram\.org/(?:file/)?bot)[^\s\"'<>/?#]{1,256}"),
     lambda m: m.group(1) + MASK),
    (re.compile(r"(?i)((?:\.webhook\.office\.com|outlook\.office(?:365)?\.com)/webhook(?:b2)?/)[^\s\"'<>?#]{1,1024}"),
     lambda m: m.group(1) + MASK),
    (re.compile(r"(?i)(events\.pagerduty\.com/integration/)[^\s\"'<>/?#]{1,256}"),
     lambda m: m.group(1) + MASK),
    (re.compile(r"([?&;])([A-Za-z0-9_.\-\[\]]{1,64})=([^&#\s\"'<>]{0,2048})"), _query_param),
    (re.compile(r"(?i)\b((?:proxy-)?authorization[\"']?\s{0,3}[:=]\s{0,3}[\"']?)"
                r"(?:(basic|bearer|token|digest|negotiate|apikey)\s{1,3})?[^\s\"',;]{1,4096}"),
     lambda m: f"{m.group(1)}{m.group(2) + ' ' if m.group(2) else ''}{MASK}"),
    (re.compile(r"(?i)\b((?:set-)?cookie[\"']?\s{0,3}[:=]\s{0,3})[^\r\n\"]{1,8192}"),
     lambda m: m.group(1) + MASK),
    (re.compile(r"(?i)\b(bearer\s{1,3})[A-Za-z0-9\-._~+/]{1,4096}=*"), lambda m: m.group(1) + MASK),
    (re.compile(rf"\b(?P<prefix>{_KNOWN_PREFIXES}){_V}{{16,1024}}"), _keep_prefix),
    (re.compile(r"\b(?P<prefix>A[KS]IA|ABIA|ACCA)[0-9A-Z]{16}\b"), _keep_prefix),
    (re.compile(rf"\beyJ{_V}{{4,4096}}\.eyJ{_V}{{4,8192}}\.{_V}{{0,4096}}"), lambda m: MASK),
    # Telegram: a Bot API path on any host (a proxy, a fake API) hides the whole bot id
    # and token; a bare token in text keeps its numeric bot id for debugging.
    (re.compile(r"(?i)(/(?:file/)?bot)\d{5,12}:[A-Za-z0-9_\-]{20,256}"),
     lambda m: m.group(1) + MASK),
    (re.compile(r"(?<![0-9])(\d{6,12}:)AA[A-Za-z0-9_\-]{30,40}(?![A-Za-z0-9_\-])"),
     lambda m: m.group(1) + MASK),
    (
        re.compile(
            r"(?<![\w.\-])(?P<key>[A-Za-z_][\w.\-]{0,63})[\"']?[ \t]{0,3}[:=][ \t]{0,3}"
            r"(?:\"([^\"\r\n]{1,2048})\"|'([^'\r\n]{1,2048})'|([^\s\"',;&]{1,2048}))"
        ),
        _assignment,
    ),
)  # fmt: skip


# Every rule above needs one of these to match (a ":", "=", "/" or "@", a key block, a JWT,
# "bearer", or a token-like run of 16 characters): text without any is returned as it is
# after one scan instead of one per rule. Most values in a run's snapshots are like that.
_MAYBE_SECRET = re.compile(r"[:=/@]|-----BEGIN|eyJ|(?i:bearer)|[A-Za-z0-9_\-]{16}")


# For each rule above, in order: text (lower case) that the rule cannot match without,
# one of which must be in the text for the rule to be tried; None: always tried. A rule
# skipped this way could not have changed the text, so the result is the same, for a
# fraction of the work: most text that passes _MAYBE_SECRET holds a ":" and nothing
# else of interest. Looked up in the text as it came in, which is enough, because a
# replacement only puts MASK in and so never creates one of these.
_NEEDS: tuple[tuple[str, ...] | None, ...] = (
    ("-----begin",),  # private key block
    ("@",),  # credentials in a URL
    ("hooks.slack.com/",),
    ("discord",),
    ("api.telegram.org/",),
    ("/webhook",),  # Microsoft Teams / Office 365
    ("events.pagerduty.com/integration/",),
    ("=",),  # query parameter
    ("authorization",),
    ("cookie",),
    ("bearer",),
    None,  # known token prefixes
    None,  # AWS access key ids
    ("eyj",),  # JWT
    ("/bot",),  # Telegram Bot API path
    (":aa",),  # bare Telegram bot token
    (":", "="),  # key: value and key=value
)
if len(_NEEDS) != len(_RULES):  # pragma: no cover - a rule added without its entry
    raise ImportError("redact: _NEEDS must have one entry per rule")


# Short texts found to hold nothing to mask: the same check messages, timestamps and
# findings come back in run after run. Only texts that came back unchanged are kept, so
# this never holds a secret; it is emptied when full.
_CLEAN: set[str] = set()
CLEAN_MAX_LENGTH = 512
CLEAN_MAX_ENTRIES = 8192


def redact_text(text: str) -> str:
    if text in _CLEAN or not _MAYBE_SECRET.search(text):
        return text
    original = text
    # Lower-casing matches the rules' (?i) exactly only for ASCII: other text tries all.
    lower = text.lower() if text.isascii() else None
    for (pattern, replace), needs in zip(_RULES, _NEEDS, strict=True):
        if lower is not None and needs is not None and not any(n in lower for n in needs):
            continue
        text = pattern.sub(replace, text)
    if text == original and len(text) <= CLEAN_MAX_LENGTH:
        if len(_CLEAN) >= CLEAN_MAX_ENTRIES:
            _CLEAN.clear()
        _CLEAN.add(text)
    return text


_TOKENISH_SEGMENT = re.compile(r"[A-Za-z0-9_\-]{24,}")


def redact_url(url: str) -> str:
    """Like redact_text, and also masks long random-looking path segments."""
    text = redact_text(url)
    head, sep, tail = text.partition("://")
    if not sep:
        return text
    authority, slash, rest = tail.partition("/")
    path, mark, query = rest.partition("?")
    segments = [
        MASK if _TOKENISH_SEGMENT.fullmatch(part) and _mixed(part) else part
        for part in path.split("/")
    ]
    return f"{head}{sep}{authority}{slash}{'/'.join(segments)}{mark}{query}"


def _mixed(segment: str) -> bool:
    # Letters and digits together: a token, not a word like "notification-settings-page".
    return any(c.isdigit() for c in segment) and any(c.isalpha() for c in segment)


# Exact types with nothing to redact, answered before any isinstance() test: most values
# of a run's snapshots are numbers, and isinstance(x, Mapping) is an ABC check.
_SCALARS = frozenset({int, float, bool, type(None)})


def redact(value: Any, _depth: int = 0) -> Any:
    if _depth > MAX_DEPTH:
        return MASK  # deeper than any real payload: a cycle or an attack, show nothing
    kind = type(value)
    if kind is str:
        return redact_text(value)
    if kind in _SCALARS:
        return value
    if kind is dict or isinstance(value, Mapping):
        return {
            key: _mask_value(key, item) if is_secret_key(key) else redact(item, _depth + 1)
            for key, item in value.items()
        }
    if kind is list or isinstance(value, (list, tuple, set, frozenset)):
        items = [redact(item, _depth + 1) for item in value]
        return items if isinstance(value, list) else type(value)(items)
    if isinstance(value, str):  # a str subclass (an enum member, say)
        return redact_text(value)
    return value


_STANDARD_RECORD_KEYS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class RedactingFilter(logging.Filter):
    """Attach to handlers: formats each record's message and redacts it in place."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True  # let the handler report the broken format string as usual
        record.msg = redact_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        for key, item in list(vars(record).items()):
            if key not in _STANDARD_RECORD_KEYS and not key.startswith("_"):
                setattr(record, key, redact({key: item})[key])
        return True
