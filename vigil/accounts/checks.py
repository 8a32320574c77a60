from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from vigil.accounts.tokens import MIN_KEY_BYTES


@register(Tags.security)
def check_jwt_keys(app_configs, **kwargs):
    keys = settings.VIGIL_JWT_KEYS
    if not keys:
        return [
            Warning(
                "VIGIL_JWT_KEYS is not set: nobody can sign in to the console.",
                hint="Run `make env` (adds one to .env) or set VIGIL_JWT_KEYS to "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`.",
                id="accounts.W001",
            )
        ]
    short = [index for index, key in enumerate(keys) if len(key.encode()) < MIN_KEY_BYTES]
    if short:
        return [
            Error(
                f"VIGIL_JWT_KEYS entry {short[0] + 1} is shorter than {MIN_KEY_BYTES} bytes.",
                hint="Generate keys with `python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))'`.",
                id="accounts.E001",
            )
        ]
    if len(set(keys)) != len(keys) or settings.SECRET_KEY in keys:
        return [
            Error(
                "VIGIL_JWT_KEYS repeats a key or reuses DJANGO_SECRET_KEY.",
                hint="Each signing key must be its own random value.",
                id="accounts.E002",
            )
        ]
    return []
