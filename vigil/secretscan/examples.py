"""Values that are published or obviously made up: vendor documentation examples, the
jwt.io sample token, `scott:tiger`, placeholders, references and stand-in passwords.

A scanner that reports these teaches people to ignore it.
"""

import base64
import binascii
import json
import re

# Vigil's own purge marker and BFG's: what a cleaned history holds instead of a value.
PURGE_MARKERS = ("***removed-by-vigil***", "***removed***")

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
        # Stripe's API reference, Telegram's Bot API, Slack's and Google Maps' guides
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
        "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
        "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
    }
)

# jwt.io's sample token and its variants carry these claims.
DOCUMENTED_JWT_CLAIMS = ({"sub": "1234567890"}, {"name": "John Doe"}, {"name": "Jane Doe"})

# Documentation logins: Oracle's scott/tiger (SQLAlchemy, Django and Java docs use it),
# and user names that never belong to a real account.
DOCUMENTED_USERS = frozenset({"scott", "username", "user_name", "your_user", "myuser"})
DOCUMENTED_PASSWORDS = frozenset(
    {
        "tiger",
        "pass",
        "password",
        "passwd",
        "secret",
        "pwd",
        "pw",
        "postgres",
        "root",
        "admin",
        "test",
        "user",
        "guest",
        "mysql",
        "redis",
        "rabbitmq",
        "example",
        "changeme",
        "foo",
        "bar",
        "foobar",
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
    *PURGE_MARKERS,
)

# Stand-in passwords: "mypass", "some_pass", "supersecret", "password123", "s3cr3t".
STAND_IN_RE = re.compile(
    r"^(?:(?:my|some|your|the|a|new|old|other|test|dev|local|foo|db|admin|user|super)[_.-]?)?"
    r"(?:(?:pass(?:word|wd|phrase)?|pwd?|secret|token|key|hunter|letmein|qwerty)[_.-]?){1,3}"
    r"\d{0,4}$"
)
STAND_IN_PASSWORDS = frozenset(
    ["hunter2", "letmein", "changeme", "qwerty", "welcome", "default", "toor", "guest"]
)
LEET = str.maketrans("013457@$", "oleastas")

REFERENCE_RE = re.compile(
    r"^(?:\$\{?[A-Za-z_][A-Za-z0-9_.]*\}?|\$\(.*\)|\{\{.*\}\}|%\(.*\)s|%[sd]|\{[A-Za-z_]*\}|"
    r"<[^>]*>|\[[^\]]*\]|#\{.*\}|@[A-Za-z_]+@|ENC\[.*\])$"
)
EMBEDDED_REFERENCE_RE = re.compile(r"\$\{[^}]+\}|\{\{[^}]+\}\}|%\([a-z_]+\)s")
SEQUENCES = ("0123456", "123456789", "987654321", "abcdefgh", "qwertyui")


def is_placeholder(value: str) -> bool:
    lowered = value.lower()
    if value in DOCUMENTED_EXAMPLES or any(word in lowered for word in PLACEHOLDER_WORDS):
        return True
    plain = lowered.translate(LEET)
    if STAND_IN_RE.match(plain) or STAND_IN_RE.match(lowered) or plain in STAND_IN_PASSWORDS:
        return True
    if REFERENCE_RE.match(value) or EMBEDDED_REFERENCE_RE.search(value):
        return True
    if value.startswith("eyJ") and value.count(".") == 2 and is_documented_jwt(jwt_parts(value)[1]):
        return True
    # One repeated character or a run like 1234567890 / abcdef...
    if len(set(value)) <= 3:
        return True
    return any(run in lowered for run in SEQUENCES)


# "user1:pass1", "userdiff:passdiff", "testuser:testpass": the password is the user name
# with its user word swapped for a password word.
USER_WORDS_RE = re.compile(r"username|user|usr|login")
PASSWORD_WORDS_RE = re.compile(r"password|passwd|pass|pwd|pw")


def is_documented_login(user: str, password: str) -> bool:
    user, password = user.lower(), password.lower()
    if user in DOCUMENTED_USERS or password in DOCUMENTED_PASSWORDS:
        return True
    if user and password == user:
        return True
    return bool(USER_WORDS_RE.search(user)) and (
        USER_WORDS_RE.sub("u", user) == PASSWORD_WORDS_RE.sub("u", password)
    )


def _b64url_json(segment: str):
    padded = segment + "=" * (-len(segment) % 4)
    try:
        return json.loads(base64.urlsafe_b64decode(padded))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def jwt_parts(token: str) -> tuple[dict | None, dict | None]:
    header, _, rest = token.partition(".")
    payload = rest.partition(".")[0]
    decoded = _b64url_json(header), _b64url_json(payload)
    return tuple(part if isinstance(part, dict) else None for part in decoded)


def is_documented_jwt(claims: dict | None) -> bool:
    if not claims:
        return False
    return any(
        all(claims.get(k) == v for k, v in sample.items()) for sample in DOCUMENTED_JWT_CLAIMS
    )
