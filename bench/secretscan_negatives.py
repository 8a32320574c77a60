"""Hard negatives for the secret-scanning corpus: values that look like secrets and are
not (hashes, UUIDs, lockfile integrity, placeholders, public keys, certificates), and
real-looking ones a person has marked (fixtures, FAKE_ names, other tools' markers,
documentation examples, Vigil's purge marker). None may be reported."""

import random

from secretscan_corpus import (
    ALNUM,
    B64,
    ENV_NAMES,
    HEX,
    URLSAFE,
    Piece,
    Plant,
    b64,
    pem_block,
    s,
    token,
)

JWT_IO = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
    "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
CODE = [
    'password = os.environ["DB_PASSWORD"]',
    "api_key = settings.API_KEY",
    "db_password = get_password(vault, 'db')",
    "self.token = token",
    'SECRET_KEY = env("SECRET_KEY")',
    "password = var.db_password",
    "secret = secrets.token_hex(32)",
    "token = jwt.encode(claims, key)",
    "hashed_password = bcrypt.hashpw(password, salt)",
    '<input type="password" name="password" value="">',
]


def _one(cls: str, value: str, path: str, *lines: str) -> Piece:
    return Piece(path, list(lines), [Plant(cls, value, False)])


def hash_value(rng: random.Random) -> Piece:
    v = s(rng, HEX, rng.choice([40, 64]))
    line = rng.choice(
        [
            f'CHECKSUM_SHA256 = "{v}"',
            f"commit: {v}",
            f'token_hash = "{v}"',
            f'"etag": "{v}",',
            f"GIT_SHA={v}",
        ]
    )
    return _one("hash", v, "app/module.py", line)


def image_digest(rng: random.Random) -> Piece:
    v = "sha256:" + s(rng, HEX, 64)
    return _one("hash", v, "deploy/compose.yml", f"    image: registry.corp.net/app@{v}")


def uuid_value(rng: random.Random) -> Piece:
    v = "-".join(s(rng, HEX, n) for n in (8, 4, 4, 4, 12))
    line = rng.choice(
        [
            f'request_id = "{v}"',
            f"client_id: {v}",
            f"AZURE_TENANT_ID={v}",
            f'api_key_id = "{v}"',
            f'  "id": "{v}",',
        ]
    )
    return _one("uuid", v, "app/module.py", line)


def lockfile(rng: random.Random) -> Piece:
    choice = rng.randrange(3)
    if choice == 0:
        v = "sha512-" + b64(rng.randbytes(64))
        return _one("lockfile", v, "web/package-lock.json", f'      "integrity": "{v}",')
    if choice == 1:
        v = s(rng, HEX, 64)
        return _one(
            "lockfile", v, "poetry.lock", f'    {{file = "pkg-1.0.tar.gz", hash = "sha256:{v}"}},'
        )
    v = "h1:" + b64(rng.randbytes(32))
    return _one("lockfile", v, "go.sum", f"github.com/corp/lib v1.2.3 {v}")


def placeholder(rng: random.Random) -> Piece:
    v = rng.choice(
        [
            "changeme", "<your-api-key>", "${DB_PASSWORD}", "{{ .Values.token }}", "your-secret-key-here",
            "xxxxxxxxxxxxxxxxxxxxxxxx", "REPLACE_ME", "$(cat /run/secrets/db_password)", "TODO",
        ]
    )  # fmt: skip
    path = rng.choice([".env.example", "deploy/.env", "config.yaml"])
    return _one("placeholder", v, path, f"{rng.choice(ENV_NAMES)}={v}")


def ci_reference(rng: random.Random) -> Piece:
    v = "${{ secrets.DEPLOY_TOKEN }}"
    return _one(
        "placeholder",
        v,
        ".github/workflows/deploy.yml",
        f"          password: {v}",
        f"          token: {v}",
    )


def public_key(rng: random.Random) -> Piece:
    if rng.random() < 0.5:
        v = "AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + s(rng, B64, 300)
        return _one("public-key", v, "deploy/authorized_keys", f"ssh-rsa {v} ops@bastion")
    v = b64(rng.randbytes(270))
    body = [v[i : i + 64] for i in range(0, len(v), 64)]
    lines = [
        "-----BEGIN PGP PUBLIC KEY BLOCK-----",
        "",
        *body,
        "-----END PGP PUBLIC KEY BLOCK-----",
    ]
    return _one("public-key", v, "keys/release.asc", *lines)


def certificate(rng: random.Random) -> Piece:
    v, lines = pem_block(rng, rng.choice(["PUBLIC KEY", "CERTIFICATE"]))
    return _one(
        "certificate", v, rng.choice(["certs/ca.crt", "keys/signing.pub", "docs/tls.md"]), *lines
    )


def fixture(rng: random.Random) -> Piece:
    v = "sk_live_" + s(rng, ALNUM, 24)
    path = rng.choice(
        ["tests/fixtures/payments.json", "spec/fixtures/stripe.yml", "internal/testdata/config.env"]
    )
    return _one("fixture", v, path, f'  "api_key": "{v}"')


def fake_marked(rng: random.Random) -> Piece:
    v = "glpat-" + s(rng, URLSAFE, 20)
    line = rng.choice(
        [
            f'FAKE_GITLAB_TOKEN = "{v}"',
            f'DUMMY_TOKEN = "{v}"',
            f'EXAMPLE_API_KEY = "{v}"',
            f'token = "{v}"  # fake, for tests only',
        ]
    )
    return _one("fake-marked", v, "app/module.py", line)


def doc_example(rng: random.Random) -> Piece:
    v, line = rng.choice(
        [
            ("tiger", 'engine = create_engine("postgresql://scott:tiger@localhost/test")'),
            ("password", "DATABASE_URL=postgres://user:password@localhost:5432/app"),
            ("AKIAIOSFODNN7EXAMPLE", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
            (
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ),
            (JWT_IO, f"curl -H 'Authorization: Bearer {JWT_IO}' http://localhost:8000/me"),
        ]
    )
    return _one(
        "doc-example", v, rng.choice(["docs/quickstart.md", "README.md", "app/db.py"]), line
    )


def marker(rng: random.Random) -> Piece:
    v = token(rng, 32)
    mark = rng.choice(
        ["# gitleaks:allow", "# pragma: allowlist secret", "// trufflehog:ignore", "# nosec"]
    )
    return _one("marker", v, "app/module.py", f'SERVICE_TOKEN = "{v}"  {mark}')


def purged(rng: random.Random) -> Piece:
    v = "***REMOVED-BY-VIGIL***"
    line = rng.choice(
        [f"DB_PASSWORD={v}", f"DATABASE_URL=postgres://app:{v}@db/app", f'api_token = "{v}"']
    )
    return _one("purged", v, "app/module.py", line)


def data_uri(rng: random.Random) -> Piece:
    v = "data:image/png;base64," + b64(rng.randbytes(120))
    return _one("data-uri", v, "web/theme.yml", f'  icon_key: "{v}"')


def vault_encrypted(rng: random.Random) -> Piece:
    v = s(rng, HEX, 80)
    lines = [
        "db_password: !vault |",
        "  $ANSIBLE_VAULT;1.1;AES256",
        f"  {v}",
        f"  {s(rng, HEX, 80)}",
    ]
    return _one("vault-encrypted", v, "group_vars/all.yml", *lines)


def code_reference(rng: random.Random) -> Piece:
    line = rng.choice(CODE)
    return _one("code-reference", line, "app/module.py", line)


NEGATIVES = [
    hash_value, image_digest, uuid_value, lockfile, placeholder, ci_reference, public_key,
    certificate, fixture, fake_marked, doc_example, marker, purged, data_uri,
    vault_encrypted, code_reference,
]  # fmt: skip


def negative(rng: random.Random) -> Piece:
    return rng.choice(NEGATIVES)(rng)
