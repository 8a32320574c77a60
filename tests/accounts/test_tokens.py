"""Access tokens refused for every way they can be forged or out of date."""

import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest
from django.conf import settings

from vigil.accounts import tokens


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(user, sign_in_id: str, **overrides) -> dict:
    now = int(time.time())
    claims = {
        "iss": tokens.ISSUER,
        "aud": tokens.AUDIENCE,
        "sub": str(user.pk),
        "sid": sign_in_id,
        "typ": "access",
        "iat": now,
        "nbf": now,
        "exp": now + 300,
    }
    claims.update(overrides)
    return claims


@pytest.fixture
def session(client, sign_in, django_user_model):
    headers = sign_in("viewer", "tess")
    claims = tokens.verify_access(headers["HTTP_AUTHORIZATION"][7:])
    return django_user_model.objects.get(username="tess"), claims.sign_in_id


def _key() -> tuple[str, bytes]:
    key = settings.VIGIL_JWT_KEYS[0]
    return tokens.key_id(key), key.encode()


def _call(client, token: str):
    return client.get("/alerts/incidents/", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_fresh_access_token_reads_the_api(client, session):
    kid, key = _key()
    token = jwt.encode(_claims(*session), key, algorithm="HS256", headers={"kid": kid})
    assert _call(client, token).status_code == 200


def test_alg_none_is_refused(client, session):
    kid, _ = _key()
    header = _b64(json.dumps({"alg": "none", "typ": "JWT", "kid": kid}).encode())
    body = _b64(json.dumps(_claims(*session)).encode())
    response = _call(client, f"{header}.{body}.")
    assert response.status_code == 401
    assert response.json() == {
        "error": "invalid access token",
        "detail": "algorithm 'none' is not accepted",
    }


def test_algorithm_confusion_is_refused(client, session):
    # The same secret used with another HMAC (or as an RS256 "public key") must not pass.
    kid, key = _key()
    header = _b64(json.dumps({"alg": "HS512", "typ": "JWT", "kid": kid}).encode())
    body = _b64(json.dumps(_claims(*session)).encode())
    signature = _b64(hmac.new(key, f"{header}.{body}".encode(), hashlib.sha512).digest())
    response = _call(client, f"{header}.{body}.{signature}")
    assert response.status_code == 401
    assert response.json()["detail"] == "algorithm 'HS512' is not accepted"


def test_a_wrong_kid_is_refused(client, session):
    _, key = _key()
    token = jwt.encode(_claims(*session), key, algorithm="HS256", headers={"kid": "0" * 16})
    response = _call(client, token)
    assert response.status_code == 401
    assert response.json()["detail"] == "unknown signing key (kid)"


def test_an_expired_token_is_refused(client, session):
    kid, key = _key()
    past = int(time.time()) - 1000
    claims = _claims(*session, iat=past, nbf=past, exp=past + 900)
    response = _call(client, jwt.encode(claims, key, algorithm="HS256", headers={"kid": kid}))
    assert response.status_code == 401
    assert response.json()["detail"] == "token expired"


def test_a_token_used_before_still_expires(client, session):
    # Verified tokens are remembered; the memory must not outlive the token.
    kid, key = _key()
    expires = int(time.time()) + 1
    claims = _claims(*session, exp=expires)
    token = jwt.encode(claims, key, algorithm="HS256", headers={"kid": kid})
    assert _call(client, token).status_code == 200
    time.sleep(max(0.0, expires - time.time()) + 0.01)

    response = _call(client, token)

    assert response.status_code == 401
    assert response.json()["detail"] == "token expired"


def test_a_token_used_before_is_refused_once_its_key_is_dropped(client, session, settings):
    token, _ = tokens.issue_access(session[0].pk, session[1])
    assert _call(client, token).status_code == 200
    settings.VIGIL_JWT_KEYS = ["n3w-signing-key-" + "fedcba9876543210" * 3]

    response = _call(client, token)

    assert response.status_code == 401
    assert response.json()["detail"] == "unknown signing key (kid)"


def test_a_not_yet_valid_token_is_refused(client, session):
    kid, key = _key()
    now = int(time.time())
    claims = _claims(*session, nbf=now + 600, exp=now + 900)
    response = _call(client, jwt.encode(claims, key, algorithm="HS256", headers={"kid": kid}))
    assert response.status_code == 401
    assert response.json()["detail"] == "token not valid yet"


def test_a_token_signed_with_another_secret_is_refused(client, session):
    kid, _ = _key()
    token = jwt.encode(_claims(*session), "x" * 48, algorithm="HS256", headers={"kid": kid})
    assert _call(client, token).json()["detail"] == "bad signature"


def test_a_rotated_key_still_verifies_and_the_new_one_signs(client, session, settings):
    old_kid, old_key = _key()
    old_token = jwt.encode(_claims(*session), old_key, algorithm="HS256", headers={"kid": old_kid})
    settings.VIGIL_JWT_KEYS = [
        "n3w-signing-key-" + "fedcba9876543210" * 3,
        *settings.VIGIL_JWT_KEYS,
    ]
    assert _call(client, old_token).status_code == 200
    new_token, lifetime = tokens.issue_access(session[0].pk, session[1])
    assert jwt.get_unverified_header(new_token)["kid"] == tokens.key_id(settings.VIGIL_JWT_KEYS[0])
    assert lifetime <= 900
    assert _call(client, new_token).status_code == 200
