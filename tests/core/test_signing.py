import hashlib
import hmac

import pytest

from vigil.core.signing import SignatureError, sign, verify

BODY = b'{"alerts": []}'


def test_signed_body_verifies():
    verify("s3cret", BODY, sign("s3cret", BODY))


def test_plain_body_signature_verifies():
    digest = hmac.new(b"s3cret", BODY, hashlib.sha256).hexdigest()
    verify("s3cret", BODY, f"sha256={digest}")


def test_any_of_several_signatures_passes_during_rotation():
    good = sign("new", BODY, timestamp=1_700_000_000).split("sha256=")[1]
    header = f"t=1700000000,sha256={'0' * 64},sha256={good}"
    verify("new", BODY, header, now=1_700_000_010)


@pytest.mark.parametrize(
    "header,message",
    [
        (None, "missing"),
        ("", "missing"),
        ("t=1700000000", "no sha256"),
        ("t=abc,sha256=00", "not a number"),
        ("sha256=" + "0" * 64, "does not match"),
    ],
)
def test_bad_signatures_say_what_is_wrong(header, message):
    with pytest.raises(SignatureError, match=message):
        verify("s3cret", BODY, header, now=1_700_000_000)


def test_tampered_body_and_wrong_secret_fail():
    header = sign("s3cret", BODY)
    with pytest.raises(SignatureError, match="does not match"):
        verify("s3cret", BODY + b" ", header)
    with pytest.raises(SignatureError, match="does not match"):
        verify("other", BODY, header)


def test_replayed_signature_outside_window_fails():
    header = sign("s3cret", BODY, timestamp=1_700_000_000)
    verify("s3cret", BODY, header, now=1_700_000_299)
    with pytest.raises(SignatureError, match="window"):
        verify("s3cret", BODY, header, now=1_700_000_301)
