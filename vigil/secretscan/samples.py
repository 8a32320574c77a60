"""Format-valid FAKE credentials, generated at run time, for tests and the benchmark.

Nothing here is a real credential and no literal one is committed: every value is drawn
from a seeded random generator, so the repository's own scan stays clean.
"""

import base64
import json
import random
import string
from collections.abc import Callable
from dataclasses import dataclass

from vigil.secretscan.filters import github_checksum

B62 = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
URLSAFE = B62 + "_-"
B64 = B62 + "+/"


@dataclass(frozen=True)
class Sample:
    rule: str
    value: str  # the secret the scanner must report
    line: str  # a line of source that contains it


def _s(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _gh(prefix: str, rng: random.Random) -> str:
    body = _s(rng, B62, 30)
    return f"{prefix}{body}{github_checksum(body)}"


def _gh_fine(rng: random.Random) -> str:
    body = _s(rng, B62, 53)
    return f"github_pat_{_s(rng, B62, 22)}_{body}{github_checksum(body)}"


def _jwt(rng: random.Random) -> str:
    def seg(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    claims = {"sub": _s(rng, HEX, 12), "iat": rng.randint(1_600_000_000, 1_800_000_000)}
    return f"{seg({'alg': 'HS256', 'typ': 'JWT'})}.{seg(claims)}.{_s(rng, URLSAFE, 43)}"


def _pem_body(rng: random.Random, n_lines: int = 12) -> list[str]:
    return ["MII" + _s(rng, B64, 61)] + [_s(rng, B64, 64) for _ in range(n_lines)]


def _value(rule: str, value: str, fmt: str) -> Sample:
    return Sample(rule, value, fmt.format(v=value))


# rule id -> (rng -> Sample). Lines use neutral names where the rule needs no context.
GENERATORS: dict[str, Callable[[random.Random], Sample]] = {
    "aws-access-key-id": lambda r: _value(
        "aws-access-key-id",
        "AKIA" + _s(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
        'key_id = "{v}"',
    ),
    "aws-secret-access-key": lambda r: _value(
        "aws-secret-access-key", _s(r, B64, 40), "aws_secret_access_key = {v}"
    ),
    "gcp-service-account-key-id": lambda r: _value(
        "gcp-service-account-key-id", _s(r, HEX, 40), '  "private_key_id": "{v}",'
    ),
    "gcp-api-key": lambda r: _value("gcp-api-key", "AIza" + _s(r, URLSAFE, 35), "maps: {v}"),
    "gcp-oauth-client-secret": lambda r: _value(
        "gcp-oauth-client-secret", "GOCSPX-" + _s(r, URLSAFE, 28), "client = '{v}'"
    ),
    "azure-storage-account-key": lambda r: _value(
        "azure-storage-account-key",
        _s(r, B64, 86) + "==",
        "conn=DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={v};EndpointSuffix=core.windows.net",
    ),
    "azure-ad-client-secret": lambda r: _value(
        "azure-ad-client-secret",
        _s(r, B62, 3) + str(r.randint(0, 9)) + "Q~" + _s(r, B62 + "_~.-", 34),
        'AZURE_CLIENT_SECRET="{v}"',
    ),
    "alibaba-access-key-id": lambda r: _value(
        "alibaba-access-key-id", "LTAI" + _s(r, B62, 20), "ak = {v}"
    ),
    "digitalocean-pat": lambda r: _value("digitalocean-pat", "dop_v1_" + _s(r, HEX, 64), "do: {v}"),
    "heroku-api-key": lambda r: _value(
        "heroku-api-key", "-".join(_s(r, HEX, n) for n in (8, 4, 4, 4, 12)), "HEROKU_API_KEY={v}"
    ),
    "databricks-token": lambda r: _value(
        "databricks-token", "dapi" + _s(r, HEX, 32), "host_token: {v}"
    ),
    "hashicorp-vault-token": lambda r: _value(
        "hashicorp-vault-token", "hvs." + _s(r, URLSAFE, 92), "VAULT={v}"
    ),
    "terraform-cloud-token": lambda r: _value(
        "terraform-cloud-token",
        _s(r, B62, 14) + ".atlasv1." + _s(r, URLSAFE, 67),
        'credentials = "{v}"',
    ),
    "pulumi-access-token": lambda r: _value(
        "pulumi-access-token", "pul-" + _s(r, HEX, 40), "PULUMI={v}"
    ),
    "dockerhub-pat": lambda r: _value(
        "dockerhub-pat", "dckr_pat_" + _s(r, URLSAFE, 27), "docker login -p {v}"
    ),
    "github-pat": lambda r: _value("github-pat", _gh("ghp_", r), 'gh = "{v}"'),
    "github-oauth-token": lambda r: _value("github-oauth-token", _gh("gho_", r), "oauth: {v}"),
    "github-server-to-server-token": lambda r: _value(
        "github-server-to-server-token", _gh("ghs_", r), "inst={v}"
    ),
    "github-fine-grained-pat": lambda r: _value(
        "github-fine-grained-pat", _gh_fine(r), 'pat: "{v}"'
    ),
    "gitlab-pat": lambda r: _value("gitlab-pat", "glpat-" + _s(r, URLSAFE, 20), "GL={v}"),
    "gitlab-runner-token": lambda r: _value(
        "gitlab-runner-token", "glrt-" + _s(r, URLSAFE, 20), "runner: {v}"
    ),
    "npm-access-token": lambda r: _value(
        "npm-access-token", "npm_" + _s(r, B62, 36), "//registry.npmjs.org/:_authToken={v}"
    ),
    "pypi-upload-token": lambda r: _value(
        "pypi-upload-token", "pypi-AgEIcHlwaS5vcmc" + _s(r, URLSAFE, 70), "password = {v}"
    ),
    "slack-bot-token": lambda r: _value(
        "slack-bot-token",
        f"xoxb-{_s(r, string.digits, 12)}-{_s(r, string.digits, 13)}-{_s(r, B62, 24)}",
        "SLACK={v}",
    ),
    "slack-user-token": lambda r: _value(
        "slack-user-token",
        "xoxp-" + "-".join(_s(r, string.digits, 12) for _ in range(3)) + "-" + _s(r, HEX, 32),
        "u: {v}",
    ),
    "slack-webhook-url": lambda r: _value(
        "slack-webhook-url",
        f"https://hooks.slack.com/services/T{_s(r, string.ascii_uppercase + string.digits, 10)}/B{_s(r, string.ascii_uppercase + string.digits, 10)}/{_s(r, B62, 24)}",
        "url: {v}",
    ),
    "telegram-bot-token": lambda r: _value(
        "telegram-bot-token", f"{r.randint(10**8, 10**9)}:AA{_s(r, URLSAFE, 33)}", "bot = '{v}'"
    ),
    "discord-webhook-url": lambda r: _value(
        "discord-webhook-url",
        f"https://discord.com/api/webhooks/{_s(r, string.digits, 18)}/{_s(r, URLSAFE, 68)}",
        "hook: {v}",
    ),
    "stripe-secret-key": lambda r: _value(
        "stripe-secret-key", "sk_live_" + _s(r, B62, 24), "stripe.api_key = '{v}'"
    ),
    "stripe-webhook-secret": lambda r: _value(
        "stripe-webhook-secret", "whsec_" + _s(r, B62, 32), "WH={v}"
    ),
    "square-oauth-secret": lambda r: _value(
        "square-oauth-secret", "sq0csp-" + _s(r, URLSAFE, 43), "sq = {v}"
    ),
    "shopify-access-token": lambda r: _value(
        "shopify-access-token", "shpat_" + _s(r, HEX, 32), "shop: {v}"
    ),
    "sendgrid-api-key": lambda r: _value(
        "sendgrid-api-key", f"SG.{_s(r, URLSAFE, 22)}.{_s(r, URLSAFE, 43)}", "mail = '{v}'"
    ),
    "mailgun-api-key": lambda r: _value("mailgun-api-key", "key-" + _s(r, HEX, 32), "MG={v}"),
    "brevo-api-key": lambda r: _value(
        "brevo-api-key", f"xkeysib-{_s(r, HEX, 64)}-{_s(r, B62, 16)}", "brevo: {v}"
    ),
    "twilio-api-key": lambda r: _value(
        "twilio-api-key", "SK" + _s(r, HEX, 32), "TWILIO_API_KEY={v}"
    ),
    "twilio-auth-token": lambda r: _value(
        "twilio-auth-token", _s(r, HEX, 32), "twilio_auth_token = '{v}'"
    ),
    "openai-api-key": lambda r: _value(
        "openai-api-key", f"sk-proj-{_s(r, URLSAFE, 40)}T3BlbkFJ{_s(r, URLSAFE, 40)}", "OPENAI={v}"
    ),
    "anthropic-api-key": lambda r: _value(
        "anthropic-api-key", f"sk-ant-api03-{_s(r, URLSAFE, 93)}AA", "claude: {v}"
    ),
    "huggingface-token": lambda r: _value(
        "huggingface-token", "hf_" + _s(r, string.ascii_letters, 34), "HF={v}"
    ),
    "newrelic-user-api-key": lambda r: _value(
        "newrelic-user-api-key",
        "NRAK-" + _s(r, string.ascii_uppercase + string.digits, 27),
        "nr: {v}",
    ),
    "datadog-api-key": lambda r: _value("datadog-api-key", _s(r, HEX, 32), "DD_API_KEY={v}"),
    "sentry-user-token": lambda r: _value(
        "sentry-user-token", "sntryu_" + _s(r, HEX, 64), "sentry: {v}"
    ),
    "grafana-service-account-token": lambda r: _value(
        "grafana-service-account-token", f"glsa_{_s(r, B62, 32)}_{_s(r, HEX, 8)}", "graf={v}"
    ),
    "age-secret-key": lambda r: _value(
        "age-secret-key", "AGE-SECRET-KEY-1" + _s(r, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58), "{v}"
    ),
    "jwt": lambda r: _value("jwt", _jwt(r), "Authorization: Bearer {v}"),
    "database-url-password": lambda r: _value(
        "database-url-password",
        _s(r, B62, 16),
        "DATABASE_URL=postgres://app:{v}@db.internal:5432/app",
    ),
    "django-secret-key": lambda r: _value(
        "django-secret-key", _s(r, B62 + "!@#%^&*(-_=+)", 50), "SECRET_KEY = '{v}'"
    ),
    "generic-password": lambda r: _value(
        "generic-password",
        _s(r, B62, 6) + _s(r, string.digits, 2) + _s(r, B62, 6),
        'db_password = "{v}"',
    ),
    "generic-secret-assignment": lambda r: _value(
        "generic-secret-assignment",
        _s(r, string.digits, 3) + _s(r, B62, 29),
        'client_secret: "{v}"',
    ),
}


def private_key_lines(rng: random.Random, kind: str = "RSA PRIVATE KEY") -> tuple[str, list[str]]:
    body = _pem_body(rng)
    return "\n".join(body), [f"-----BEGIN {kind}-----", *body, f"-----END {kind}-----"]


def fake_samples(seed: int = 0, per_rule: int = 1) -> list[Sample]:
    rng = random.Random(seed)  # noqa: S311 - reproducible fakes, not key material
    return [gen(rng) for _ in range(per_rule) for gen in GENERATORS.values()]


def hard_negatives(seed: int = 0) -> list[str]:
    """Lines that look like secrets and are not: the filters must drop every one."""
    rng = random.Random(seed)  # noqa: S311 - reproducible fakes, not key material
    uuid = "-".join(_s(rng, HEX, n) for n in (8, 4, 4, 4, 12))
    return [
        'aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"',
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        'password = "${DB_PASSWORD}"',
        "password: {{ vault_db_password }}",
        'api_key = os.environ["API_KEY"]',
        'token = "<your-token-here>"',
        "secret_key = settings.SECRET_KEY",
        f'request_id = "{uuid}"',
        f'"integrity": "sha512-{_s(rng, B64, 86)}=="',
        f"commit = {_s(rng, HEX, 40)}",
        'password = "changeme"',
        'token = "xxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        "DATABASE_URL=postgres://user:${POSTGRES_PASSWORD}@db:5432/app",
        f'gh = "ghp_{_s(rng, B62, 36)}"',  # fails the GitHub checksum
        "secret_token = get_secret_token_from_vault()",
        f'api_key = "EXAMPLE{_s(rng, B62, 24)}"',
        'password = "password123"  # vigil:allow',
        f'slack = "xoxb-{_s(rng, string.digits, 12)}-{_s(rng, string.digits, 13)}-{_s(rng, B62, 24)}"  # vigil:allow',
        "PRIVATE_KEY_PATH = /etc/ssl/private/server.key",
        "-----BEGIN RSA PRIVATE KEY-----",
        "...",
        "-----END RSA PRIVATE KEY-----",
        'auth_token = "0123456789abcdef0123456789abcdef"',
        "token_type = AccessTokenTypes",
        f'checksum_token = "sha256:{_s(rng, HEX, 64)}"',
        "url = https://user:%24%7BPASSWORD%7D@example.org/",
    ]
