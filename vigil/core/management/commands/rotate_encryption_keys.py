from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.management.base import CommandError
from django.db import models, transaction
from django.db.models.functions import Cast

from vigil.core.commands import BadInput, VigilCommand
from vigil.core.security.crypto import (
    DecryptionError,
    EncryptedJSONField,
    active_keys,
    generate_key,
    is_current,
    rotate_token,
    uses_derived_key,
)


@dataclass
class Rotation:
    label: str
    rotated: int = 0
    current: int = 0
    changed: int = 0


def encrypted_models() -> Iterator[tuple[type[models.Model], list[EncryptedJSONField]]]:
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        # local fields only: a child model's parent table is visited through the parent.
        fields = [
            field
            for field in model._meta.local_concrete_fields
            if isinstance(field, EncryptedJSONField)
        ]
        if fields:
            yield model, fields


def rotate_model(
    model: type[models.Model], fields: list[EncryptedJSONField], *, dry_run: bool, batch_size: int
) -> Rotation:
    result = Rotation(model._meta.label)
    # Cast to text so the stored token comes back as is, not decrypted by the field.
    raw = {
        f"vigil_raw_{field.attname}": Cast(field.attname, models.TextField()) for field in fields
    }
    queryset = model._base_manager.annotate(**raw).order_by("pk")
    last_pk = None
    while True:
        # Keyset pages rather than one open cursor: SQLite does not isolate a cursor
        # from the updates made to the same table while it is open.
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        rows = list(page.values_list("pk", *raw)[:batch_size])
        for pk, *tokens in rows:
            _rotate_row(queryset, result, fields, pk, tokens, dry_run=dry_run)
        if len(rows) < batch_size:
            return result
        last_pk = rows[-1][0]


def _rotate_row(queryset, result, fields, pk, tokens, *, dry_run: bool) -> None:
    updates, expected = {}, {}
    for field, token in zip(fields, tokens, strict=True):
        if token is None or is_current(token):
            continue
        try:
            rotated = rotate_token(token)
        except DecryptionError as exc:
            raise CommandError(
                f"{result.label} pk={pk!r} field {field.name!r}: {exc}. Nothing was changed."
            ) from None
        updates[field.attname] = models.Value(rotated, output_field=models.TextField())
        expected[f"vigil_raw_{field.attname}"] = token
    if not updates:
        result.current += 1
        return
    # Only if the row still holds the token we read: a row saved meanwhile was
    # already encrypted with the new key, and must not be overwritten with old data.
    if dry_run or queryset.filter(pk=pk, **expected).update(**updates):
        result.rotated += 1
    else:
        result.changed += 1


class Command(VigilCommand):
    help = (
        "Re-encrypt every encrypted field with the first key in VIGIL_ENCRYPTION_KEYS, "
        "so older keys can be removed. --generate-key prints a new key list to set first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row decrypts; change nothing"
        )
        parser.add_argument(
            "--generate-key",
            action="store_true",
            help="print a new VIGIL_ENCRYPTION_KEYS value (new key first) and exit",
        )
        parser.add_argument("--batch-size", type=int, default=500, help="rows read per query")

    def handle(self, *args, dry_run, generate_key, batch_size, **options):
        if generate_key:
            return self._print_new_keys()
        if batch_size < 1:
            raise BadInput("--batch-size must be at least 1")
        verb = "would re-encrypt" if dry_run else "re-encrypted"
        with transaction.atomic():
            results = [
                rotate_model(model, fields, dry_run=dry_run, batch_size=batch_size)
                for model, fields in encrypted_models()
            ]
        for result in results:
            line = (
                f"{result.label}: {verb} {result.rotated} row(s), {result.current} already current"
            )
            if result.changed:
                line += f", {result.changed} saved meanwhile (already current)"
            self.stdout.write(line)
        if not results:
            self.stdout.write("No model has encrypted fields.")

    def _print_new_keys(self):
        keys = [generate_key(), *active_keys()]
        self.stderr.write(
            "Generated a new key. Set VIGIL_ENCRYPTION_KEYS to the line below (new key first, "
            "current keys after), restart Vigil, then run `vigil rotate_encryption_keys`. "
            "When it reports no rows left to re-encrypt, the old keys may be removed."
        )
        if uses_derived_key():
            self.stderr.write(
                "The second key is the one derived from DJANGO_SECRET_KEY, which encrypted "
                "the existing data; keep it until the rotation has run."
            )
        self.stdout.write(f"VIGIL_ENCRYPTION_KEYS={','.join(keys)}")
