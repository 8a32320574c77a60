import logging
import time

import pytest

from vigil.core.security.redact import (
    MASK,
    RedactingFilter,
    is_secret_key,
    redact,
    redact_text,
    redact_url,
)

# Fake credentials, assembled so that secret scanners do not flag this file.
GITHUB = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
GITHUB_PAT = "github_pat_" + "11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz0123456789ABCDEFGHIJKLMN"
SLACK = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
OPENAI = "sk-proj-" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
ANTHROPIC = "sk-ant-api03-" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abc"
AWS = "AKIA" + "IOSFODNN7EXAMPLE"
JWT = (
    "eyJhbGciOiJIUzI1NiJ9."
    + "eyJzdWIiOiIxMjM0NTY3ODkwIn0."
    + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
)
TELEGRAM = "123456789:" + "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\nZmFrZQ==\n-----END RSA PRIVATE KEY-----"
)


@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        (f"Authorization: Bearer {OPENAI}", OPENAI, "Authorization: Bearer ***"),
        ("authorization=Basic dXNlcjpodW50ZXIy", "dXNlcjpodW50ZXIy", "authorization=Basic ***"),
        ("{'Authorization': 'Token abcdef123456'}", "abcdef123456", "'Authorization': 'Token ***'"),
        ("Proxy-Authorization: Basic Zm9vOmJhcg==", "Zm9vOmJhcg", "Proxy-Authorization: Basic"),
        ("sent with bearer abc.def-ghi_jkl", "abc.def-ghi_jkl", "bearer ***"),
        ("Cookie: sessionid=abc123; csrftoken=def456", "abc123", "Cookie: ***"),
        ("Set-Cookie: id=a3fWa; Secure", "a3fWa", "Set-Cookie: ***"),
        ("postgres://vigil:hunter2@db:5432/vigil", "hunter2", "postgres://vigil:***@db:5432"),
        ("redis://:s3cr3t@cache:6379/0", "s3cr3t", "redis://:***@cache"),
        ("https://p@ss:w@rd@example.com/", "w@rd", "https://p"),
        ("https://x-access-token:tok123@github.com/o/r", "tok123", "x-access-token:***@github.com"),
        ("https://tok123abc@github.com/o/r.git", "tok123abc", "https://***@github.com"),
        (
            "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX",
            "XXXXXXXXXXXXXXXXXXXXXXXX",
            "https://hooks.slack.com/services/***",
        ),
        (
            "https://discord.com/api/webhooks/123456789012345678/AbCdEf-GhIjKl_MnOp",
            "AbCdEf-GhIjKl_MnOp",
            "discord.com/api/webhooks/123456789012345678/***",
        ),
        (
            f"GET https://api.telegram.org/bot{TELEGRAM}/sendMessage failed",
            "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
            "api.telegram.org/bot***/sendMessage failed",
        ),
        (
            "https://acme.webhook.office.com/webhookb2/abc-123@def/IncomingWebhook/xyz/uvw",
            "IncomingWebhook/xyz",
            "acme.webhook.office.com/webhookb2/***",
        ),
        (
            "https://prod-1.westus.logic.azure.com/workflows/abc/triggers?api-version=1&sig=S1GN",
            "S1GN",
            "api-version=1&sig=***",
        ),
        (
            "https://x.example/cb?code=1&access_token=AT123&state=s",
            "AT123",
            "access_token=***&state=s",
        ),
        ("GET /api?apiKey=K3Y&page=2", "K3Y", "apiKey=***&page=2"),
        ("https://x.example/?X-Amz-Signature=abcdef&X-Amz-Date=1", "abcdef", "X-Amz-Date=1"),
        (f"key {AWS} leaked", "IOSFODNN7EXAMPLE", "key AKIA*** leaked"),
        (f"token {GITHUB} here", GITHUB[4:], "token ghp_*** here"),
        (f"pat={GITHUB_PAT}", GITHUB_PAT[11:], "pat=github_pat_***"),
        (f"slack {SLACK}", SLACK[5:], "slack xoxb-***"),
        (f"openai {OPENAI}", OPENAI[8:], "openai sk-proj-***"),
        (f"anthropic {ANTHROPIC}", ANTHROPIC[13:], "anthropic sk-ant-api03-***"),
        (f"jwt {JWT} end", JWT.split(".")[1], "jwt *** end"),
        (f"bot token {TELEGRAM}!", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "123456789:***"),
        (f"key:\n{PEM}\nafter", "MIIEowIBAAKCAQEA7bq", "-----BEGIN RSA PRIVATE KEY-----***"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk", "b3BlbnNzaC1rZXk", "KEY-----***"),
        ("login failed password=hunter2 user=bob", "hunter2", "password=*** user=bob"),
        ("DB_PASSWORD: 'hunter 2'", "hunter 2", "DB_PASSWORD: '***'"),
        ('{"password": "hunter2", "user": "bob"}', "hunter2", '"password": "***", "user": "bob"'),
        ("{'client_secret': 'cs-123', 'id': 7}", "cs-123", "'client_secret': '***', 'id': 7"),
        ("api-key=abc123 retry=3", "abc123", "api-key=*** retry=3"),
        ("X-Api-Key: abc123", "abc123", "X-Api-Key: ***"),
        ("routing_key=R0UT1NG", "R0UT1NG", "routing_key=***"),
        ("webhook_url=https://example.com/hook/abc", "hook/abc", "webhook_url=***"),
    ],
)
def test_secrets_in_free_text_are_masked(text, secret, kept):
    out = redact_text(text)
    assert secret not in out
    assert kept in out


@pytest.mark.parametrize(
    "text",
    [
        "incident 42 resolved by alice in 3.2s",
        "disk /dev/sda1 at 91% on web-1 (threshold 90%)",
        "https://grafana.example.com/d/abc/overview?orgId=1&from=now-1h",
        "status: firing, severity: critical, max_tokens=512",
        "git@github.com:acme/vigil.git",
        "Error: connection refused",
        "dedup_key=web-1/disk routing=ops",
    ],
)
def test_ordinary_text_is_unchanged(text):
    assert redact_text(text) == text


@pytest.mark.parametrize(
    "key",
    [
        "password", "PASSWORD", "db_password", "passwd", "secret", "client-secret", "token",
        "access_token", "refreshToken", "api_key", "apiKey", "X-API-KEY", "authorization", "auth",
        "key", "private_key", "privateKey", "access-key", "aws_secret_access_key",
        "webhook_url", "webhookUrl", "routing_key", "integration_key", "cookie", "session",
        "sessionid", "dsn", "credentials", "encryption_keys", "signature", "bot_token",
    ],
)  # fmt: skip
def test_secret_keys_are_recognised_in_any_spelling(key):
    assert is_secret_key(key)


@pytest.mark.parametrize(
    "key",
    ["name", "host", "severity", "max_tokens", "dedup_key", "token_type", "author", "keyword"],
)
def test_ordinary_keys_are_not_secret(key):
    assert not is_secret_key(key)


def test_nested_structures_are_redacted_into_a_copy():
    value = {
        "name": "ops-slack",
        "config": {
            "Webhook-URL": "https://hooks.slack.com/services/T1/B2/abcdefabcdefabcdef",
            "channel": "#ops",
            "password": "correct horse battery staple and more",
            "api_key": "sk_live_abcdefghijklmnopqrstuvwxyz",
            "retries": 3,
            "auth": {"user": "bob", "pass": "x"},
            "pin": 1234,
            "token": None,
            "secret": "",
            "verify_tls": True,
            "auth_enabled": False,
        },
        "headers": [("Authorization", "Bearer abc"), ["X-Trace", "t-1"]],
        "notes": ("see postgres://u:pw@db/x",),
        "tags": {"a", "b"},
    }
    out = redact(value)
    assert out == {
        "name": "ops-slack",
        "config": {
            "Webhook-URL": "https://hooks.slack.com/***",
            "channel": "#ops",
            "password": MASK,
            "api_key": "sk_l***",
            "retries": 3,
            "auth": MASK,
            "pin": 1234,
            "token": None,
            "secret": "",
            "verify_tls": True,
            "auth_enabled": False,
        },
        "headers": [("Authorization", "Bearer ***"), ["X-Trace", "t-1"]],
        "notes": ("see postgres://u:***@db/x",),
        "tags": {"a", "b"},
    }
    assert value["config"]["password"] == "correct horse battery staple and more"


def test_short_secrets_get_no_preview_and_previews_are_at_most_four_characters():
    assert redact({"token": "abcdef"}) == {"token": MASK}
    assert redact({"token": "abcdefghijklmnopqrstuvwxyz"}) == {"token": "abcd***"}
    assert redact({"passphrase": "x" * 40}) == {"passphrase": MASK}


def test_self_referencing_structure_terminates():
    loop: dict = {"name": "x"}
    loop["self"] = loop
    out = redact(loop)
    depth = 0
    while isinstance(out, dict):
        out, depth = out["self"], depth + 1
    assert out == MASK and depth > 10


def test_non_text_scalars_pass_through():
    assert redact(42) == 42 and redact(None) is None and redact(b"bytes") == b"bytes"


def test_redact_url_masks_userinfo_secret_paths_and_tokens_in_paths():
    assert redact_url("https://u:p4ss@example.com/a?x=1") == "https://u:***@example.com/a?x=1"
    assert (
        redact_url("https://example.com/hooks/Zx81kd0Qm2Lw9ZpE4rT7yU1iO/notify?token=abc")
        == "https://example.com/hooks/***/notify?token=***"
    )
    assert redact_url("https://example.com/docs/getting-started-with-vigil") == (
        "https://example.com/docs/getting-started-with-vigil"
    )


def test_redaction_is_linear_on_hostile_input():
    hostile = [
        "a" * 100_000,
        "a=" * 50_000,
        "http://" + "a" * 100_000,
        "-----BEGIN PRIVATE KEY-----" * 2_000,
        "password" * 20_000,
        "?a=" * 30_000,
        "eyJ" + "a" * 50_000 + ".",
        ("x." * 50_000) + "=",
    ]
    started = time.perf_counter()
    for text in hostile:
        redact_text(text)
    assert time.perf_counter() - started < 1.0


def test_logging_filter_formats_then_redacts(caplog):
    logger = logging.getLogger("vigil.tests.redact")
    handler_filter = RedactingFilter()
    record = logger.makeRecord(
        logger.name,
        logging.WARNING,
        __file__,
        1,
        "delivery to %s failed with %r",
        ("https://hooks.slack.com/services/T1/B2/SECRETSECRET", {"token": "t0k3n-value"}),
        None,
        extra={"api_key": "k3y-value", "trace_id": "abc"},
    )
    assert handler_filter.filter(record) is True
    assert record.getMessage() == (
        "delivery to https://hooks.slack.com/services/*** failed with {'token': '***'}"
    )
    assert record.api_key == MASK and record.trace_id == "abc"


def test_logging_filter_redacts_exception_text():
    try:
        raise RuntimeError("connect to postgres://app:hunter2@db failed")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, None)
        import sys

        record.exc_info = sys.exc_info()
    RedactingFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "hunter2" not in formatted and "postgres://app:***@db" in formatted


def test_logging_filter_leaves_broken_format_strings_to_the_handler():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%d items", ("many",), None)
    assert RedactingFilter().filter(record) is True
    assert record.args == ("many",)


def test_telegram_token_in_a_bot_api_path_on_any_host_is_masked():
    token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    for url in (
        f"http://127.0.0.1:1234/bot{token}/sendMessage",
        f"https://tg-proxy.example.com/file/bot{token}/photo.jpg",
    ):
        masked = redact_url(url)
        assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in masked
        assert "/bot***/" in masked
        assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in redact_text(f"POST {url} failed")


@pytest.mark.parametrize(
    "secret", [GITHUB, GITHUB_PAT, SLACK, OPENAI, ANTHROPIC, AWS, JWT, TELEGRAM, PEM]
)
def test_a_secret_alone_or_among_plain_words_is_masked(secret):
    for text in (secret, f"the value {secret} leaked"):
        assert secret not in redact_text(text)


def test_plain_words_come_back_unchanged():
    text = "CPU 82% busy over 0.2 s, disk 41% used (host web-1)"
    assert redact_text(text) == text


def _every_rule(text: str) -> str:
    """What redact_text gave before rules were skipped: every rule, in order."""
    from vigil.core.security.redact import _RULES

    for pattern, replace in _RULES:
        text = pattern.sub(replace, text)
    return text


def test_skipping_rules_that_cannot_match_changes_no_result():
    pieces = [
        GITHUB, SLACK, OPENAI, AWS, JWT, TELEGRAM, PEM, f"/bot{TELEGRAM}/send",
        "https://user:hunter2@db.example.com:5432/app", "https://hooks.slack.com/services/T0/B0/XyZ",
        "https://discord.com/api/webhooks/123/abcDEF", "https://api.telegram.org/bot123:abc/x",
        "https://x.webhook.office.com/webhookb2/abc-def", "https://events.pagerduty.com/integration/k/x",
        "?api_key=s3cr3t&x=1", "Authorization: Bearer abc.def", "Set-Cookie: sid=abc; Path=/",
        "password: 'hunter2'", "db_password=hunter2", "token=abc", "name: web-1",
        "CPU 91% busy over 9.8 s: see top", "2026-11-24T00:41:20.999492+00:00", "x" * 20,
    ]  # fmt: skip
    texts = pieces + [f"{a} and {b}" for a in pieces for b in pieces[:8]]
    # Case variants, and non-ASCII text (where every rule is tried).
    texts += (
        [t.upper() for t in pieces]
        + [f"é {t}" for t in pieces]
        + ["HOOKS.SLACK.COM/services/T/B/C"]
    )
    for text in texts:
        assert redact_text(text) == _every_rule(text), text


def test_texts_found_clean_are_remembered_and_texts_with_secrets_never_are():
    from vigil.core.security.redact import _CLEAN

    plain = "disk 91% used at 2026-11-24T00:41:20+00:00: see top"
    leaked = f"token: {OPENAI}"
    for _ in range(2):
        assert redact_text(plain) == plain
        assert OPENAI not in redact_text(leaked)
    assert plain in _CLEAN
    assert not any(OPENAI in text for text in _CLEAN)
