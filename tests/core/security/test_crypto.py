import json

import pytest
from cryptography.fernet import Fernet
from django.core import serializers
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from tests.testapp.models import Secretive
from vigil.core.security.crypto import (
    DecryptionError,
    EncryptedJSONField,
    InvalidKeyConfiguration,
    decrypt_json,
    derived_key,
    encrypt_json,
    generate_key,
    get_fernet,
)

OLD, NEW = generate_key(), generate_key()


@pytest.fixture(autouse=True)
def keys():
    with override_settings(VIGIL_ENCRYPTION_KEYS=[OLD]):
        yield


def raw_column(pk, column="data"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM testapp_secretive WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    "value", [{"token": "xoxb-1", "nested": [1, 2.5, None, True]}, [], "text", 7, None, "ünï"]
)
def test_json_values_round_trip(value):
    token = encrypt_json(value)
    assert token.isascii() and "xoxb" not in token
    assert decrypt_json(token) == value


def test_each_encryption_is_randomised():
    assert encrypt_json({"a": 1}) != encrypt_json({"a": 1})


def test_first_key_encrypts_and_every_key_decrypts():
    old_token = encrypt_json({"v": "old"})
    with override_settings(VIGIL_ENCRYPTION_KEYS=[NEW, OLD]):
        new_token = encrypt_json({"v": "new"})
        assert decrypt_json(old_token) == {"v": "old"}
    Fernet(NEW).decrypt(new_token.encode())  # encrypted with the first key


def test_removed_key_gives_a_clear_error_not_garbage():
    token = encrypt_json({"v": 1})
    with (
        override_settings(VIGIL_ENCRYPTION_KEYS=[NEW]),
        pytest.raises(DecryptionError, match="was the key that encrypted it removed"),
    ):
        decrypt_json(token)


@pytest.mark.parametrize("token", ["", "not-a-token", "gAAAAABtampered", "é", None, b"bytes"])
def test_malformed_tokens_raise_decryption_error(token):
    with pytest.raises(DecryptionError):
        decrypt_json(token)


def test_without_configured_keys_a_key_is_derived_from_secret_key(settings):
    with override_settings(VIGIL_ENCRYPTION_KEYS=[]):
        token = encrypt_json("x")
        Fernet(derived_key(settings.SECRET_KEY)).decrypt(token.encode())
        with (
            override_settings(SECRET_KEY="another-" + "secret-key-" * 5),
            pytest.raises(DecryptionError, match="was SECRET_KEY changed"),
        ):
            decrypt_json(token)


def test_derived_key_is_stable_and_depends_on_the_secret():
    assert derived_key("a" * 50) == derived_key("a" * 50) != derived_key("b" * 50)
    Fernet(derived_key("a" * 50))


@pytest.mark.parametrize("bad", [["not-a-key"], [OLD, "short"], [OLD[:-2]]])
def test_invalid_configured_key_is_a_configuration_error_that_hides_the_value(bad):
    with (
        override_settings(VIGIL_ENCRYPTION_KEYS=bad),
        pytest.raises(InvalidKeyConfiguration) as caught,
    ):
        get_fernet()
    assert "#" in str(caught.value) and bad[-1] not in str(caught.value)


def test_comma_separated_string_setting_is_accepted():
    with override_settings(VIGIL_ENCRYPTION_KEYS=f" {NEW} , {OLD} "):
        assert decrypt_json(encrypt_json(1)) == 1


def test_generated_keys_are_distinct_fernet_keys():
    first, second = generate_key(), generate_key()
    assert first != second
    Fernet(first)


@pytest.mark.django_db
def test_field_stores_ciphertext_and_loads_the_value():
    row = Secretive.objects.create(name="slack", data={"webhook_url": "https://hooks/x", "n": 1})
    stored = raw_column(row.pk)
    assert "hooks" not in stored and stored.startswith("gAAAAA")
    assert Secretive.objects.get(pk=row.pk).data == {"webhook_url": "https://hooks/x", "n": 1}
    assert raw_column(row.pk, "extra") is None
    assert Secretive.objects.get(pk=row.pk).extra is None


@pytest.mark.django_db
def test_field_defaults_and_lists_behave_like_json_field():
    row = Secretive.objects.create()
    row.refresh_from_db()
    assert row.data == {}
    row.data = ["a", {"b": None}]
    row.save()
    assert Secretive.objects.values_list("data", flat=True).get(pk=row.pk) == ["a", {"b": None}]


@pytest.mark.django_db
def test_field_cannot_be_filtered_by_content():
    Secretive.objects.create(data={"a": 1})
    for lookup in ({"data": {"a": 1}}, {"data__a": 1}, {"data__contains": "a"}):
        with pytest.raises(FieldError):
            list(Secretive.objects.filter(**lookup))
    assert Secretive.objects.filter(extra__isnull=True).count() == 1


@pytest.mark.django_db
def test_undecryptable_row_raises_when_loaded():
    row = Secretive.objects.create(data={"a": 1})
    with override_settings(VIGIL_ENCRYPTION_KEYS=[NEW]), pytest.raises(DecryptionError):
        Secretive.objects.get(pk=row.pk)


@pytest.mark.django_db
def test_dumpdata_keeps_values_encrypted_and_loaddata_restores_them():
    row = Secretive.objects.create(name="n", data={"password": "hunter2"})
    dumped = serializers.serialize("json", Secretive.objects.all())
    assert "hunter2" not in dumped
    fields = json.loads(dumped)[0]["fields"]
    assert set(fields["data"]) == {"$vigil_encrypted"} and fields["extra"] is None
    row.delete()
    for obj in serializers.deserialize("json", dumped):
        obj.save()
    assert Secretive.objects.get(name="n").data == {"password": "hunter2"}


def test_field_deconstructs_to_its_public_path():
    name, path, args, kwargs = EncryptedJSONField(null=True).deconstruct()
    assert path == "vigil.core.security.crypto.EncryptedJSONField"
    assert kwargs == {"null": True}


@pytest.mark.django_db
def test_migrations_match_the_model():
    call_command("makemigrations", "testapp", "--check", "--dry-run", verbosity=0)


def test_form_field_edits_json():
    form_field = Secretive._meta.get_field("data").formfield()
    assert form_field.clean('{"a": 1}') == {"a": 1}
