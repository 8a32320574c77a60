"""Encryption at rest for credentials stored in the database.

Values are JSON, encrypted with Fernet (AES-128-CBC + HMAC-SHA256). The first key in
VIGIL_ENCRYPTION_KEYS encrypts; every key decrypts, so keys rotate without downtime
(`vigil rotate_encryption_keys`). With no keys configured, one key is derived from
SECRET_KEY (system check config.W006 warns: changing SECRET_KEY then loses the data).
"""

import base64
import functools
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver

HKDF_INFO = b"vigil-encrypted-field"
# How dumpdata/loaddata carry a value: still encrypted, and unambiguous on the way back.
SERIALIZED_MARKER = "$vigil_encrypted"


class InvalidKeyConfiguration(ImproperlyConfigured):
    pass


class DecryptionError(Exception):
    pass


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def derived_key(secret: str) -> str:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO)
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode("utf-8"))).decode("ascii")


def configured_keys() -> list[str]:
    keys = settings.VIGIL_ENCRYPTION_KEYS
    if isinstance(keys, str):
        keys = keys.split(",")
    return [key.strip() for key in keys if key.strip()]


def uses_derived_key() -> bool:
    return not configured_keys()


def active_keys() -> list[str]:
    """The keys in use, encrypting key first (the derived one if none is configured)."""
    return configured_keys() or [derived_key(settings.SECRET_KEY)]


@functools.cache
def get_fernet() -> MultiFernet:
    fernets = []
    for position, key in enumerate(active_keys(), start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            # Never quote the value: it is (or is meant to be) a secret.
            raise InvalidKeyConfiguration(
                f"VIGIL_ENCRYPTION_KEYS entry #{position} is not a Fernet key (32 url-safe "
                "base64-encoded bytes); generate one with "
                "`vigil rotate_encryption_keys --generate-key`"
            ) from None
    return MultiFernet(fernets)


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    if setting in ("VIGIL_ENCRYPTION_KEYS", "SECRET_KEY"):
        get_fernet.cache_clear()


def _undecryptable() -> DecryptionError:
    if uses_derived_key():
        cause = (
            "no key in VIGIL_ENCRYPTION_KEYS, and the key derived from SECRET_KEY does not "
            "match: was SECRET_KEY changed? Restore it, or set VIGIL_ENCRYPTION_KEYS"
        )
    else:
        cause = (
            "no key in VIGIL_ENCRYPTION_KEYS matches: was the key that encrypted it removed? "
            "Add it back after the current key, then run `vigil rotate_encryption_keys`"
        )
    return DecryptionError(f"cannot decrypt an encrypted value: {cause}")


def encrypt_json(value: Any) -> str:
    data = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return get_fernet().encrypt(data).decode("ascii")


def decrypt_json(token: str) -> Any:
    if not isinstance(token, str) or not token.isascii():
        raise DecryptionError(f"an encrypted value must be an ASCII string, not {type(token)}")
    try:
        data = get_fernet().decrypt(token.encode("ascii"))
    except InvalidToken:
        raise _undecryptable() from None
    return json.loads(data)


def rotate_token(token: str) -> str:
    """Re-encrypt a stored token with the first key (raises DecryptionError)."""
    try:
        return get_fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError):
        raise _undecryptable() from None


def is_current(token: str) -> bool:
    try:
        Fernet(active_keys()[0]).decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


class EncryptedJSONField(models.Field):
    """A JSON value stored encrypted as text. It cannot be filtered on (only isnull)."""

    description = "JSON, encrypted at rest"
    empty_strings_allowed = False

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else decrypt_json(value)

    def get_prep_value(self, value: Any) -> str | None:
        return None if value is None else encrypt_json(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {SERIALIZED_MARKER}:
            return decrypt_json(value[SERIALIZED_MARKER])
        return value

    def value_to_string(self, obj: models.Model) -> Any:
        value = self.value_from_object(obj)
        return None if value is None else {SERIALIZED_MARKER: encrypt_json(value)}

    def get_lookup(self, lookup_name: str) -> Any:
        # Every encryption is randomised, so equality or containment could never match;
        # refusing the lookup beats returning a silently empty queryset.
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def get_transform(self, lookup_name: str) -> Any:
        return None

    def formfield(self, **kwargs: Any) -> forms.Field:
        return super().formfield(**{"form_class": forms.JSONField, **kwargs})
