from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from tests.testapp.models import Secretive
from vigil.core.management.commands import rotate_encryption_keys as command_module
from vigil.core.security.crypto import derived_key, generate_key

OLD, NEW, LOST = generate_key(), generate_key(), generate_key()

pytestmark = pytest.mark.django_db


def raw_tokens():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, data, extra FROM testapp_secretive ORDER BY id")
        return cursor.fetchall()


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("rotate_encryption_keys", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def rows():
    with override_settings(VIGIL_ENCRYPTION_KEYS=[OLD]):
        created = [Secretive.objects.create(name=f"r{i}", data={"i": i}) for i in range(5)]
        created[1].extra = ["second field"]
        created[1].save()
    return created


def test_rotation_reencrypts_every_row_with_the_first_key(rows):
    before = raw_tokens()
    with override_settings(VIGIL_ENCRYPTION_KEYS=[NEW, OLD]):
        out, _ = run("--batch-size", "2")
    assert "testapp.Secretive: re-encrypted 5 row(s), 0 already current" in out
    new = Fernet(NEW)
    for (_, data, extra), (_, old_data, _) in zip(raw_tokens(), before, strict=True):
        assert data != old_data
        new.decrypt(data.encode())
        if extra is not None:
            new.decrypt(extra.encode())
    with override_settings(VIGIL_ENCRYPTION_KEYS=[NEW]):
        assert [row.data for row in Secretive.objects.order_by("pk")] == [
            {"i": i} for i in range(5)
        ]
        assert Secretive.objects.get(name="r1").extra == ["second field"]
        out, _ = run()
    assert "re-encrypted 0 row(s), 5 already current" in out


def test_dry_run_changes_nothing(rows):
    before = raw_tokens()
    with override_settings(VIGIL_ENCRYPTION_KEYS=[NEW, OLD]):
        out, _ = run("--dry-run")
    assert "would re-encrypt 5 row(s)" in out
    assert raw_tokens() == before


def test_undecryptable_row_aborts_and_rolls_back_everything(rows):
    with override_settings(VIGIL_ENCRYPTION_KEYS=[LOST]):
        Secretive.objects.create(name="lost", data={"x": 1})
    before = raw_tokens()
    with (
        override_settings(VIGIL_ENCRYPTION_KEYS=[NEW, OLD]),
        pytest.raises(CommandError, match=r"testapp.Secretive pk=\d+ field 'data'") as caught,
    ):
        run("--batch-size", "2")
    assert "Nothing was changed" in str(caught.value)
    assert raw_tokens() == before


def test_rows_saved_during_rotation_are_not_overwritten(rows, monkeypatch):
    real_rotate = command_module.rotate_token
    saved = []

    def rotate_while_another_process_saves(token):
        if not saved:  # another worker saves r0 between the command's read and its write
            Secretive.objects.filter(name="r0").update(data={"i": "saved meanwhile"})
            saved.append(True)
        return real_rotate(token)

    monkeypatch.setattr(command_module, "rotate_token", rotate_while_another_process_saves)
    with override_settings(VIGIL_ENCRYPTION_KEYS=[NEW, OLD]):
        out, _ = run()
        assert Secretive.objects.get(name="r0").data == {"i": "saved meanwhile"}
    assert "re-encrypted 4 row(s), 0 already current, 1 saved meanwhile" in out


def test_generate_key_prints_new_key_first_then_current_keys():
    with override_settings(VIGIL_ENCRYPTION_KEYS=[OLD]):
        out, err = run("--generate-key")
    name, _, value = out.strip().partition("=")
    keys = value.split(",")
    assert name == "VIGIL_ENCRYPTION_KEYS" and keys[1:] == [OLD] and keys[0] != OLD
    Fernet(keys[0])
    assert "new key first" in err


def test_generate_key_keeps_the_derived_key_when_none_is_configured(settings):
    with override_settings(VIGIL_ENCRYPTION_KEYS=[]):
        out, err = run("--generate-key")
    assert out.strip().split(",")[1:] == [derived_key(settings.SECRET_KEY)]
    assert "derived from DJANGO_SECRET_KEY" in err


def test_batch_size_must_be_positive():
    with pytest.raises(CommandError, match="--batch-size"):
        run("--batch-size", "0")
