"""A labelled git history for the secret scanner: planted secrets of every class in
issue 24 and hard negatives beside them, deterministic for a seed.

Every value is generated here at run time (nothing real, nothing committed), with its
own formats rather than vigil.secretscan.samples, so the corpus does not share the
scanner's assumptions more than the issue's wording does. Hard negatives are in
secretscan_negatives.py, the history in secretscan_history.py; bench/secretscan_eval.py
scores the scanner on them.
"""

import base64
import io
import json
import random
import string
import zipfile
from dataclasses import dataclass, field

ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"
SPECIAL = "!@%^*-_+=."


@dataclass(frozen=True)
class Plant:
    cls: str
    value: str
    positive: bool


@dataclass
class Piece:
    """Lines to add to a file, and what they plant. `history_only`: removed later."""

    path: str
    lines: list[str]
    plants: list[Plant]
    binary: bytes | None = None
    rotate: list[str] | None = None  # the file's lines after a later key rotation
    rotated: list[Plant] = field(default_factory=list)


def s(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def password(rng: random.Random, quoted: bool = False) -> str:
    extra = SPECIAL + ("#$&" if quoted else "")
    body = [rng.choice(ALNUM) for _ in range(rng.randint(12, 22))]
    for _ in range(rng.randint(1, 3)):
        body.insert(rng.randrange(len(body)), rng.choice(extra))
    body.insert(rng.randrange(len(body)), rng.choice(string.digits))
    return "".join(body)


def token(rng: random.Random, n: int = 0) -> str:
    return s(rng, ALNUM, n or rng.randint(24, 40))


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


ENV_NAMES = [
    "DB_PASSWORD", "DATABASE_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD",
    "REDIS_PASSWORD", "SMTP_PASSWORD", "EMAIL_HOST_PASSWORD", "RABBITMQ_DEFAULT_PASS",
    "MONGO_INITDB_ROOT_PASSWORD", "LDAP_BIND_PASSWORD", "ADMIN_PASSWORD", "API_TOKEN",
    "AUTH_TOKEN", "ACCESS_TOKEN", "API_KEY", "CLIENT_SECRET", "APP_SECRET", "JWT_SECRET",
    "WEBHOOK_SECRET", "SENTRY_AUTH_TOKEN", "SLACK_SIGNING_SECRET", "PAYMENT_API_KEY",
]  # fmt: skip
YAML_NAMES = ["password", "db_password", "secret", "api_key", "token", "client_secret",
              "auth_token", "apiKey", "accessToken", "smtp_password"]  # fmt: skip
PROPERTY_NAMES = ["spring.datasource.password", "db.password", "mail.smtp.password",
                  "jwt.secret", "oauth.client.secret", "app.api.key", "ldap.password"]  # fmt: skip
HOSTS = ["db.internal", "prod-db-1.corp.net", "10.0.3.17", "pg.service.consul",
         "mysql-primary", "cache.internal"]  # fmt: skip


# --- positive classes -------------------------------------------------------------------
def unquoted_config(rng: random.Random) -> Piece:
    v = password(rng)
    name, lower = rng.choice(ENV_NAMES), rng.choice(YAML_NAMES)
    shapes = [
        (f"{rng.choice(['', 'deploy/', 'services/api/'])}.env", [f"{name}={v}"]),
        ("deploy/values.yaml", ["database:", f"  {lower}: {v}"]),
        ("src/main/resources/application.properties", [f"{rng.choice(PROPERTY_NAMES)}={v}"]),
        ("config/application.yml", ["spring:", "  datasource:", f"    password: {v}"]),
        ("conf/app.ini", ["[database]", f"{lower} = {v}"]),
        ("setup.cfg", ["[credentials]", f"{lower}: {v}"]),
        ("Dockerfile", ["FROM python:3.12-slim", f"ENV {name}={v}"]),
        ("Dockerfile", ["FROM node:20", f"ENV {name} {v}"]),
        ("docker/Dockerfile", ["FROM alpine:3.20", f"ARG {name}={v}"]),
        ("scripts/env.sh", ["#!/bin/sh", f"export {name}={v}"]),
        ("scripts/deploy.sh", [f"docker run -d -e {name}={v} registry.internal/app:latest"]),
        ("docker-compose.yml", ["    environment:", f"      - {name}={v}"]),
        ("docker-compose.yml", ["    environment:", f"      {name}: {v}"]),
        ("config/app.properties", [f"{rng.choice(PROPERTY_NAMES)}: {v}"]),
        (".pypirc", ["[pypi]", "username = __token__", f"password = {v}"]),
        ("home/.netrc", [f"machine git.corp.net login deploy password {v}"]),
        ("ops/.netrc", ["machine api.corp.net", "  login ops@corp.net", f"  password {v}"]),
        ("appsettings.json", [f'  "Default": "Server=db1;Database=app;User Id=sa;Password={v};"']),
    ]
    path, lines = rng.choice(shapes)
    return Piece(path, lines, [Plant("unquoted-config", v, True)])


def prefixed_name(rng: random.Random) -> Piece:
    v = s(rng, ALNUM + "!@%^*(-_=+)", 50)
    name = rng.choice(["DJANGO_SECRET_KEY", "APP_SECRET_KEY", "FLASK_SECRET_KEY", "SECRET_KEY"])
    shapes = [
        (".env", f"{name}={v}"),
        ("app/settings.py", f'{name} = "{v}"'),
        ("config/prod.py", f"{name} = '{v}'"),
        ("k8s/configmap.yaml", f'  {name}: "{v}"'),
    ]
    path, line = rng.choice(shapes)
    return Piece(path, [line], [Plant("prefixed-name", v, True)])


def hex_secret(rng: random.Random) -> Piece:
    v = s(rng, HEX, rng.choice([32, 64]))
    name = rng.choice(["session_secret", "encryption_key", "hmac_secret", "SIGNING_KEY",
                       "COOKIE_SECRET", "AES_KEY", "webhook_secret", "ENCRYPTION_KEY"])  # fmt: skip
    shapes = [
        ("app/crypto.py", f'{name} = "{v}"'),
        ("app/crypto.py", f'{name} = bytes.fromhex("{v}")'),
        ("config/secrets.yml", f"{name}: {v}"),
        (".env", f"{name.upper()}={v}"),
        ("src/keys.js", f'const {name} = Buffer.from("{v}", "hex");'),
        ("config/initializers/secret.rb", f'  secret_key_base: "{s(rng, HEX, 128)}"'),
    ]
    path, line = rng.choice(shapes)
    if "secret_key_base" in line:
        v = line.split('"')[1]
    return Piece(path, [line], [Plant("hex-secret", v, True)])


def key_file(rng: random.Random) -> Piece:
    v = rng.choice([s(rng, HEX, 32), s(rng, HEX, 64), b64(rng.randbytes(32))])
    path = rng.choice(["config/master.key", "secrets/app.secret", "keys/hmac.key",
                       "deploy/.secret", "config/credentials/production.key"])  # fmt: skip
    return Piece(path, [v], [Plant("key-file", v, True)])


def kubernetes_secret(rng: random.Random) -> Piece:
    pw, api = password(rng), token(rng, 32)
    user = rng.choice(["app", "admin", "svc-orders"])
    enc_pw, enc_api, enc_user = b64(pw.encode()), b64(api.encode()), b64(user.encode())
    lines = [
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        f"  name: {rng.choice(['db', 'api', 'orders'])}-credentials",
        "type: Opaque",
        "data:",
        f"  username: {enc_user}",
        f"  password: {enc_pw}",
        f"  api-key: {enc_api}",
    ]
    plants = [
        Plant("base64", enc_pw, True),
        Plant("base64", enc_api, True),
        Plant("k8s-username", enc_user, False),
    ]
    return Piece(f"k8s/{rng.choice(['db', 'api'])}-secret-{rng.randint(1, 99)}.yaml", lines, plants)


def base64_key(rng: random.Random) -> Piece:
    if rng.random() < 0.5:
        v = b64(rng.randbytes(32))
        return Piece(".env", [f"APP_KEY=base64:{v}"], [Plant("base64", v, True)])
    v = base64.urlsafe_b64encode(rng.randbytes(32)).decode()
    line = rng.choice([f'FERNET_KEY = b"{v}"', f"ENCRYPTION_KEY = b'{v}'"])
    return Piece("app/crypto.py", [line], [Plant("base64", v, True)])


def github_fine_grained(rng: random.Random) -> Piece:
    v = f"github_pat_11{s(rng, ALNUM, 20)}_{s(rng, ALNUM, 59)}"
    line = rng.choice(
        [f"GITHUB_TOKEN={v}", f'  token: "{v}"', f"gh auth login --with-token <<< {v}"]
    )
    return Piece(rng.choice([".env", ".github/ci.yml", "scripts/release.sh"]), [line],
                 [Plant("github-fine-grained", v, True)])  # fmt: skip


def url_token(rng: random.Random) -> Piece:
    choice = rng.randrange(4)
    if choice == 0:
        v = f"{rng.randint(10**8, 10**10 - 1)}:AA{s(rng, URLSAFE, 33)}"
        line = f'requests.post("https://api.telegram.org/bot{v}/sendMessage", json=msg)'
    elif choice == 1:
        v = token(rng, 32)
        user = rng.choice(["deploy", "ci-bot", "x-access-token", "oauth2"])
        line = (
            f"git clone https://{user}:{v}@git.{rng.choice(['corp.net', 'internal'])}/ops/app.git"
        )
    elif choice == 2:
        v = password(rng)
        line = f"REDIS_URL=redis://:{v}@{rng.choice(HOSTS)}:6379/0"
    else:
        v = password(rng)
        scheme = rng.choice(["postgresql", "mysql", "mongodb+srv", "amqp"])
        line = f'DATABASE_URL = "{scheme}://app_user:{v}@{rng.choice(HOSTS)}/app"'
    return Piece(rng.choice(["app/notify.py", "deploy/notes.md", ".env.production", "ops/run.sh"]),
                 [line], [Plant("url-token", v, True)])  # fmt: skip


def command_line(rng: random.Random) -> Piece:
    v = password(rng)
    host = rng.choice(HOSTS)
    line = rng.choice(
        [
            f"redis-cli -h {host} -a '{v}' INFO",
            f"docker login -u deploy -p {v} registry.corp.net",
            f"mysql -h {host} -u root -p'{v}' app < dump.sql",
            f"mysqldump -uroot -p{v} --all-databases > all.sql",
            f"PGPASSWORD={v} psql -h {host} -U app -c 'select 1'",
            f"PGPASSWORD='{v}' pg_dump -h {host} app > app.sql",
            f"sshpass -p '{v}' ssh deploy@{host} 'systemctl restart app'",
            f"curl -u admin:{v} https://{host}/api/v1/status",
            f"curl --user 'ci:{v}' -X POST https://{host}/job/build",
        ]
    )
    return Piece(rng.choice(["scripts/backup.sh", "Makefile", "ops/restore.sh", "README.md"]),
                 [line], [Plant("command-line", v, True)])  # fmt: skip


def header(rng: random.Random) -> Piece:
    if rng.random() < 0.5:
        v = b64(f"{rng.choice(['deploy', 'ci', 'admin'])}:{password(rng)}".encode())
        line = rng.choice([f"curl -H 'Authorization: Basic {v}' https://ci.corp.net/api",
                           f'{{"auths": {{"registry.corp.net": {{"auth": "{v}"}}}}}}'])  # fmt: skip
    else:
        v = token(rng, 40)
        line = f'headers = {{"Authorization": "Bearer {v}"}}'
    return Piece(rng.choice(["ops/api.sh", "app/client.py", ".docker/config.json"]), [line],
                 [Plant("header", v, True)])  # fmt: skip


def query_token(rng: random.Random) -> Piece:
    v = token(rng, 32)
    name = rng.choice(["api_key", "access_token", "token", "apikey"])
    line = f'URL = "https://api.vendor.io/v2/items?{name}={v}&page=1"'
    return Piece("app/vendor.py", [line], [Plant("url-token", v, True)])


def minified(rng: random.Random) -> Piece:
    kind = rng.randrange(3)
    if kind == 0:
        v = "sk_live_" + s(rng, ALNUM, 24)
    elif kind == 1:
        v = "AIza" + s(rng, URLSAFE, 35)
    else:
        v = token(rng, 32)
    code = ";".join(f"function f{i}(a){{return a*{i}}}" for i in range(rng.randint(300, 900)))
    key = "apiKey" if kind == 2 else "k"
    line = f'!function(){{{code};var c={{{key}:"{v}",u:"/api"}};window.cfg=c}}();'
    return Piece(f"static/js/app.{s(rng, HEX, 8)}.min.js", [line], [Plant("minified", v, True)])


def azure_storage(rng: random.Random) -> Piece:
    v = b64(rng.randbytes(64))
    line = rng.choice(
        [
            f"AZURE_STORAGE_KEY={v}",
            f"az storage blob upload --account-name prodassets --account-key {v} -f a.tgz",
            f'  storage_account_key: "{v}"',
            f"AZURE_STORAGE_ACCESS_KEY: {v}",
        ]
    )
    return Piece(rng.choice([".env", "ci/upload.sh", "infra/vars.yml"]), [line],
                 [Plant("azure-storage", v, True)])  # fmt: skip


def pem_block(rng: random.Random, label: str, lines: int = 12) -> tuple[str, list[str]]:
    body = [b64(rng.randbytes(48)) for _ in range(lines)] + [b64(rng.randbytes(30))]
    return "\n".join(body), [f"-----BEGIN {label}-----", *body, f"-----END {label}-----"]


def private_key(rng: random.Random) -> Piece:
    label = rng.choice(["RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"])
    value, lines = pem_block(rng, label)
    path = rng.choice(["deploy/id_rsa", "certs/server-key.pem", "keys/app.pem", ".ssh/id_ed25519"])
    new_value, new_lines = pem_block(rng, label)
    if rng.random() < 0.25:  # a GCP service-account file: the key inside a JSON string
        escaped = "\\n".join(lines) + "\\n"
        doc = ["{", '  "type": "service_account",', f'  "private_key": "{escaped}",', "}"]
        return Piece("deploy/gcp-sa.json", doc, [Plant("private-key", value, True)])
    return Piece(path, lines, [Plant("private-key", value, True)], rotate=new_lines,
                 rotated=[Plant("private-key", new_value, True)])  # fmt: skip


def archive(rng: random.Random) -> Piece:
    v = rng.choice(["xoxb-", "glpat-", "npm_"])
    v = {
        "xoxb-": f"xoxb-{s(rng, string.digits, 12)}-{s(rng, string.digits, 13)}-{s(rng, ALNUM, 24)}",
        "glpat-": "glpat-" + s(rng, URLSAFE, 20),
        "npm_": "npm_" + s(rng, ALNUM, 36),
    }[v]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", "release bundle\n")
        zf.writestr("conf/settings.ini", f"[service]\ntoken = {v}\n")
    path = f"dist/release-{rng.randint(1, 999)}.zip"
    return Piece(path, [], [Plant("archive", v, True)], binary=buffer.getvalue())


def quoted_generic(rng: random.Random) -> Piece:
    v = token(rng) if rng.random() < 0.6 else password(rng, quoted=True)
    line = rng.choice(
        [
            ("app/client.py", f'API_KEY = "{v}"'),
            ("src/api.js", f"const apiKey = '{v}';"),
            ("config/settings.json", f'  "client_secret": "{v}",'),
            ("pkg/auth/auth.go", f'\tToken: "{v}",'),
            ("src/main/java/Config.java", f'    private static final String SECRET = "{v}";'),
            ("app/db.py", f'db_password = "{v}"'),
        ]
    )
    return Piece(line[0], [line[1]], [Plant("quoted-generic", v, True)])


def vendor_token(rng: random.Random) -> Piece:
    kinds = [
        ("AKIA" + s(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), "aws_access_key_id = {v}"),
        ("sk_live_" + s(rng, ALNUM, 24), 'stripe.api_key = "{v}"'),
        ("glpat-" + s(rng, URLSAFE, 20), "GITLAB_TOKEN={v}"),
        (f"xoxb-{s(rng, string.digits, 11)}-{s(rng, string.digits, 12)}-{s(rng, ALNUM, 24)}",
         "slack_token: {v}"),
        ("SG." + s(rng, URLSAFE, 22) + "." + s(rng, URLSAFE, 43), "SENDGRID_API_KEY={v}"),
        ("AIza" + s(rng, URLSAFE, 35), 'maps_key: "{v}"'),
        ("npm_" + s(rng, ALNUM, 36), "//registry.npmjs.org/:_authToken={v}"),
        ("dop_v1_" + s(rng, HEX, 64), "DIGITALOCEAN_TOKEN={v}"),
    ]  # fmt: skip
    v, template = rng.choice(kinds)
    return Piece(rng.choice(["ci/deploy.yml", ".env", "app/config.py", ".npmrc"]),
                 [template.format(v=v)], [Plant("vendor-token", v, True)])  # fmt: skip


def docker_config_secret(rng: random.Random) -> Piece:
    auth = b64(f"deploy:{password(rng)}".encode())
    config = json.dumps({"auths": {"registry.corp.net": {"auth": auth}}})
    v = b64(config.encode())
    lines = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: registry",
             "type: kubernetes.io/dockerconfigjson", "data:", f"  .dockerconfigjson: {v}"]  # fmt: skip
    return Piece("k8s/registry-secret.yaml", lines, [Plant("base64", v, True)])


POSITIVES = [
    unquoted_config, prefixed_name, hex_secret, key_file, kubernetes_secret, base64_key,
    github_fine_grained, url_token, command_line, minified, azure_storage, private_key,
    archive, quoted_generic, vendor_token, header, query_token, docker_config_secret,
]  # fmt: skip
