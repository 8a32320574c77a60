"""Formats and places where secrets hide that a keyword-and-quote scanner misses."""

import base64
import io
import random
import string
import zipfile

import pytest

from vigil.secretscan import sources
from vigil.secretscan.samples import private_key_lines

ALNUM = string.ascii_letters + string.digits


@pytest.fixture
def rand(request):
    rng = random.Random(request.node.name)

    def make(n: int = 20, alphabet: str = ALNUM) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    return make


def values(scanner, text: str, path: str = "app/settings.cfg") -> list[str]:
    return [f.value for f in scanner.scan_bytes(text.encode(), path)]


@pytest.mark.parametrize(
    ("path", "template"),
    [
        (".env", "DB_PASSWORD={v}\n"),
        ("deploy/values.yaml", "database:\n  password: {v}\n"),
        ("src/main/resources/application.properties", "spring.datasource.password={v}\n"),
        ("conf/app.ini", "[db]\npassword = {v}\n"),
        ("setup.cfg", "[smtp]\nsmtp_pass: {v}\n"),
        ("Dockerfile", "FROM python:3.12\nENV DB_PASSWORD={v}\n"),
        ("Dockerfile", "FROM python:3.12\nENV MYSQL_ROOT_PASSWORD {v}\n"),
        ("Dockerfile", "FROM python:3.12\nARG REGISTRY_PASSWORD={v}\n"),
        ("scripts/env.sh", "export DB_PASS={v}\n"),
        ("scripts/run.sh", "docker run -e POSTGRES_PASSWORD={v} -d postgres:16\n"),
    ],
)
def test_unquoted_passwords_in_config_formats(scanner, rand, path, template):
    value = rand(18)
    assert values(scanner, template.format(v=value), path) == [value]


@pytest.mark.parametrize("name", ["DJANGO_SECRET_KEY", "APP_SECRET_KEY", "SECRET_KEY"])
def test_prefixed_secret_key_names_quoted_or_not(scanner, rand, name):
    value = rand(50, ALNUM + "!@#%^&*(-_=+)")
    assert values(scanner, f'{name} = "{value}"\n', "app/settings.py") == [value]
    assert values(scanner, f"{name}={value}\n", ".env") == [value]


@pytest.mark.parametrize(
    "template",
    [
        'SESSION_SECRET = "{v}"\n',
        "encryption_key: {v}\n",
        'HMAC_SECRET="{v}"\n',
        'SIGNING_KEY = bytes.fromhex("{v}")\n',
    ],
)
def test_hex_secrets_under_secret_names(scanner, rand, template):
    value = rand(64, "0123456789abcdef")
    assert values(scanner, template.format(v=value), "app/crypto.py") == [value]


@pytest.mark.parametrize("path", ["config/master.key", "deploy/app.secret", "keys/api.key"])
def test_key_files_holding_a_bare_value(scanner, rand, path):
    value = rand(32, "0123456789abcdef")
    assert values(scanner, value + "\n", path) == [value]


def test_kubernetes_secret_data_is_decoded_and_scanned(scanner, rand):
    password = rand(24)
    encoded = base64.b64encode(password.encode()).decode()
    user = base64.b64encode(b"app").decode()
    manifest = (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\n"
        f"data:\n  username: {user}\n  password: {encoded}\n"
    )
    [finding] = scanner.scan_bytes(manifest.encode(), "k8s/db-secret.yaml")
    assert (finding.value, finding.line) == (encoded, 8)


def test_base64_application_keys_and_bytes_literals(scanner, rand):
    laravel = base64.b64encode(rand(32).encode()).decode()
    fernet = base64.urlsafe_b64encode(rand(32).encode()).decode()
    assert values(scanner, f"APP_KEY=base64:{laravel}\n", ".env") == [laravel]
    assert values(scanner, f'FERNET_KEY = b"{fernet}"\n', "app/crypto.py") == [fernet]


def test_fine_grained_github_token_needs_no_checksum(scanner, rand):
    token = f"github_pat_{rand(22)}_{rand(59)}"
    found = scanner.scan_bytes(f"pat: {token}\n".encode(), "ci.yml")
    assert [(f.rule, f.value) for f in found] == [("github-fine-grained-pat", token)]


def test_tokens_inside_urls(scanner, rand):
    bot = f"{random.Random(7).randint(10**8, 10**9)}:AA{rand(33, ALNUM + '_-')}"
    token, password = rand(24), rand(16)
    text = (
        f"curl https://api.telegram.org/bot{bot}/sendMessage\n"
        f"git clone https://deploy:{token}@git.internal.net/ops/app.git\n"
        f"REDIS_URL=redis://:{password}@cache.internal:6379/0\n"
    )
    found = scanner.scan_bytes(text.encode(), "deploy/notes.sh")
    assert [(f.rule, f.value) for f in found] == [
        ("telegram-bot-token", bot),
        ("url-basic-auth", token),
        ("database-url-password", password),
    ]


@pytest.mark.parametrize(
    "template",
    [
        "mysql -u root -p'{v}' app < dump.sql\n",
        "mysqldump -uroot -p{v} app > dump.sql\n",
        "PGPASSWORD={v} psql -h db -U app\n",
        "sshpass -p '{v}' ssh deploy@web-1\n",
        "curl -u admin:{v} https://ci.internal/api/json\n",
    ],
)
def test_passwords_on_command_lines(scanner, rand, template):
    value = rand(16)
    assert values(scanner, template.format(v=value), "scripts/backup.sh") == [value]


def test_minified_bundles_are_scanned_and_report_a_column(scanner, fake):
    sample = fake("stripe-secret-key")
    code = ";".join(f"f{i}=g({i})" for i in range(2000))
    bundle = f'var p="Placeholder",e="example";{code};k="{sample.value}";'
    [finding] = scanner.scan_bytes(bundle.encode(), "static/app.min.js")
    assert finding.value == sample.value and finding.line == 1
    assert finding.column == bundle.index(sample.value) + 1
    assert finding.confidence == "high"  # far-off words do not make it look fake


def test_azure_storage_key_outside_a_connection_string(scanner, rand):
    key = rand(86, ALNUM + "+/") + "=="
    assert values(scanner, f"AZURE_STORAGE_KEY={key}\n", ".env") == [key]
    assert values(scanner, f"az storage blob list --account-key {key}\n", "ci.sh") == [key]


def test_history_finds_a_private_key_whose_body_changed_without_its_begin_line(repo, scanner):
    rng = random.Random(3)
    _, old_lines = private_key_lines(rng, "RSA PRIVATE KEY")
    new_body, new_lines = private_key_lines(rng, "RSA PRIVATE KEY")
    repo.commit("add key", **{"deploy__id_rsa": "\n".join(old_lines) + "\n"})
    sha = repo.commit("rotate key", **{"deploy__id_rsa": "\n".join(new_lines) + "\n"})
    found = [f for f in sources.scan_history(scanner, repo.path) if f.commit == sha]
    assert [(f.value, f.path, f.line) for f in found] == [(new_body, "deploy/id_rsa", 1)]


def test_archive_members_are_reported_with_the_archive_path(scanner, fake):
    sample = fake("sendgrid-api-key")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("conf/app.ini", f"[mail]\n{sample.line}\n")
    [finding] = scanner.scan_bytes(buffer.getvalue(), "dist/bundle.zip")
    assert (finding.path, finding.member, finding.line) == ("dist/bundle.zip", "conf/app.ini", 2)
    assert finding.to_dict()["member"] == "conf/app.ini"


@pytest.mark.parametrize(
    "template",
    [
        "redis-cli -h cache.internal -a '{v}' ping\n",
        "docker login -u deploy -p {v} registry.internal\n",
        "mongosh --host db -u admin -p {v} --authenticationDatabase admin\n",
        "DB_PW={v}\n",
    ],
)
def test_more_command_line_and_short_name_passwords(scanner, rand, template):
    value = rand(16)
    assert values(scanner, template.format(v=value), "scripts/ops.sh") == [value]


def test_credentials_in_authorization_headers_and_docker_config(scanner, rand):
    basic = base64.b64encode(f"deploy:{rand(16)}".encode()).decode()
    bearer = rand(40)
    text = (
        f"curl -H 'Authorization: Basic {basic}' https://ci.internal/api\n"
        f'{{"auths": {{"registry.internal": {{"auth": "{basic}"}}}}}}\n'
        f"curl -H 'Authorization: Bearer {bearer}' https://api.internal/v1/me\n"
    )
    found = scanner.scan_bytes(text.encode(), "ops/notes.sh")
    assert [(f.rule, f.value, f.line) for f in found] == [
        ("basic-auth-credentials", basic, 1),
        ("basic-auth-credentials", basic, 2),
        ("bearer-token", bearer, 3),
    ]
    documentation = base64.b64encode(b"user:password").decode()
    assert values(scanner, f"Authorization: Basic {documentation}\n") == []


def test_a_token_in_a_query_string_ends_at_the_next_parameter(scanner, rand):
    value = rand(32)
    text = f"url = https://api.internal/v1/items?api_key={value}&page=2\n"
    assert values(scanner, text, "app/client.cfg") == [value]


def test_kubernetes_secret_entries_are_judged_on_their_decoded_value(scanner, rand):
    weak, user = base64.b64encode(b"quobyte").decode(), base64.b64encode(b"muser2").decode()
    strong = base64.b64encode(rand(24).encode()).decode()
    manifest = (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: chap\ndata:\n"
        f"  password: {weak}\n  node.session.auth.username_in: {user}\n  token: {strong}\n"
    )
    assert values(scanner, manifest, "k8s/chap-secret.yaml") == [strong]


def test_netrc_passwords_in_either_layout(scanner, rand):
    first, second = rand(16), rand(16)
    text = (
        f"machine git.corp.net login deploy password {first}\n"
        f"machine api.corp.net\n  login ops@corp.net\n  password {second}\n"
    )
    assert values(scanner, text, "home/.netrc") == [first, second]
    assert values(scanner, text, "docs/setup.txt") == []


def test_random_letters_without_digits_are_still_a_password(scanner):
    value = "XabzAMjlXJtXjghlnnSmhvcYpvcG"
    assert values(scanner, f'db_password = "{value}"\n', "app/db.py") == [value]


def test_a_password_with_an_at_sign_and_a_dot_is_not_taken_for_a_host(scanner):
    value = "N_hs@SsTQ.iqim5HJ"
    assert values(scanner, f"mysqldump -uroot -p{value} --all-databases\n", "ops.sh") == [value]
