"""What a scanner people keep switching on must not report, or must report as unsure."""

import base64
import json

import pytest

from vigil.secretscan.engine import Scanner
from vigil.secretscan.rules import RuleSet


def found(scanner, text: str, path: str = "app/settings.py"):
    return scanner.scan_bytes(text.encode(), path)


@pytest.mark.parametrize(
    "path",
    ["tests/fixtures/tokens.py", "spec/fixtures/api.yml", "pkg/testdata/creds.env", "fixtures/x"],
)
def test_findings_in_fixture_directories_have_low_confidence(scanner, fake, path):
    [finding] = found(scanner, fake("npm-access-token").line + "\n", path)
    assert finding.confidence == "low"
    [finding] = found(scanner, fake("npm-access-token").line + "\n", "src/tests_helper.py")
    assert finding.confidence == "high"


@pytest.mark.parametrize(
    "template",
    [
        'FAKE_STRIPE_KEY = "{v}"\n',
        'DUMMY_TOKEN = "{v}"\n',
        'EXAMPLE_API_KEY = "{v}"\n',
        'stripe_key = "{v}"  # fake key for the tests\n',
        "# test-only credentials, never deployed\nSTRIPE = '{v}'\n",
    ],
)
def test_fake_names_and_comments_lower_confidence(scanner, fake, template):
    value = fake("stripe-secret-key").value
    [finding] = found(scanner, template.format(v=value))
    assert (finding.value, finding.confidence) == (value, "low")


def test_the_minimum_confidence_is_configurable(fake):
    text = f'FAKE_STRIPE_KEY = "{fake("stripe-secret-key").value}"\n'
    assert Scanner(RuleSet.load(), min_confidence="medium").scan_bytes(text.encode(), "a.py") == []
    assert len(Scanner(RuleSet.load(), min_confidence="low").scan_bytes(text.encode(), "a.py")) == 1


def _b64(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "1234567890", "name": "John Doe", "iat": 1516239022},
        {"sub": "1234567890", "name": "John Doe", "admin": True, "iat": 1516239022},
        {"sub": "1234567890", "name": "Jane Doe", "exp": 1716239022},
    ],
)
def test_jwt_io_sample_tokens_and_their_variants_are_documentation(scanner, claims):
    token = f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{_b64(claims)}.{'k' * 10}Xy9_Qw2-Zt7LmN4pRs"
    assert found(scanner, f"Authorization: Bearer {token}\n") == []


@pytest.mark.parametrize(
    "line",
    [
        'engine = create_engine("postgresql://scott:tiger@localhost/test")',
        'engine = create_engine("mssql+pyodbc://scott:tiger^5HHH@mssql2017:1433/test")',
        "DATABASE_URL=postgres://user:password@localhost:5432/app",
        "url = mysql://username:password@127.0.0.1/db",
        'conn = "postgresql://dbuser:mypass@pghost10/appdb"',
        'conn = "postgresql://me:some_pass@host/appdb"',
        'aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"',
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        'stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"',
        "TELEGRAM_TOKEN=110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "PWD=somepw;PORT=50001",
        'link = "http://foo:apples%2Foranges@host/"',
    ],
)
def test_well_known_documentation_examples_are_not_reported(scanner, line):
    assert found(scanner, line + "\n") == []


@pytest.mark.parametrize(
    "marker",
    ["gitleaks:allow", "pragma: allowlist secret", "trufflehog:ignore", "nosec", "vigil:allow"],
)
def test_other_tools_inline_markers_are_honoured(scanner, fake, marker):
    assert found(scanner, f"{fake('npm-access-token').line}  # {marker}\n") == []


@pytest.mark.parametrize(
    "line",
    [
        'DB_PASSWORD = "***REMOVED-BY-VIGIL***"',
        "DATABASE_URL=postgres://app:***REMOVED-BY-VIGIL***@db.internal/app",
        "api_token: ***REMOVED-BY-VIGIL***",
        'secret = "***REMOVED***"',
    ],
)
def test_a_purged_value_is_not_found_again(scanner, line):
    assert found(scanner, line + "\n") == []


@pytest.mark.parametrize(
    "line",
    [
        "storage_key = '_AssociationProxy_%s_%s' % (self.target, self.attr)",
        "password = var.db_password",
        "secret = secrets.token_hex(32)",
        "token = jwt.encode(claims, key)",
        "hashed_password = bcrypt.hashpw(password, salt)",
        'CHECKSUM_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
        'api_key_id = "0f8fad5b-d9cb-469f-a165-70867728950e"',
        'icon_key: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"',
        "          password: ${{ secrets.DEPLOY_PASSWORD }}",
        'link = "https://api.internal/items?page=2&token_type=Bearer"',
        "    dict(user_name = 'fred', password='45nfss')",
        '("https://x-access-token:tok123@github.com/o/r", "tok123"),',
        '  "fingerprint": "secretscan:auth:sign_in:203.0.113.7",',
    ],
)
def test_code_that_names_a_secret_without_holding_one_is_not_reported(scanner, line):
    assert found(scanner, line + "\n") == []
