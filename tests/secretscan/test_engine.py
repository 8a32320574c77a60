import io
import json
import random
import zipfile

from vigil.secretscan.engine import Scanner
from vigil.secretscan.rules import RuleSet
from vigil.secretscan.samples import private_key_lines


def test_finding_reports_rule_path_line_and_hash_but_never_the_value(scanner, fake):
    sample = fake("slack-bot-token")
    [finding] = scanner.scan_bytes(f"a = 1\nb = 2\n{sample.line}\n".encode(), "ops/notify.py")
    data = finding.to_dict()
    assert (data["rule"], data["path"], data["line"]) == ("slack-bot-token", "ops/notify.py", 3)
    assert sample.value not in json.dumps(data)
    assert data["fingerprint"].startswith("sha256:") and len(data["fingerprint"]) == 71


def test_vigil_allow_pragma_silences_only_its_line(scanner, fake):
    first, second = fake("npm-access-token"), fake("npm-access-token")
    text = f"{first.line}  # vigil:allow\n{second.line}\n"
    assert [f.value for f in scanner.scan_bytes(text.encode(), "x.cfg")] == [second.value]


def test_specific_rule_wins_over_generic_for_the_same_value(scanner, fake):
    value = fake("github-pat").value
    found = scanner.scan_bytes(f'GITHUB_TOKEN = "{value}"\n'.encode(), "ci.py")
    assert [f.rule for f in found] == ["github-pat"]


def test_pem_private_key_body_spanning_lines_is_the_value(scanner):
    body, lines = private_key_lines(random.Random(1), "OPENSSH PRIVATE KEY")
    [finding] = scanner.scan_bytes(("\n".join(lines) + "\n").encode(), "id_ed25519")
    assert finding.rule == "private-key-openssh" and finding.value == body and finding.line == 1


def test_private_key_inside_a_json_string_is_found(scanner):
    body, lines = private_key_lines(random.Random(2), "PRIVATE KEY")
    escaped = "\\n".join(lines) + "\\n"
    doc = '{\n  "type": "service_account",\n  "private_key": "' + escaped + '"\n}\n'
    [finding] = scanner.scan_bytes(doc.encode(), "sa.json")
    assert (finding.rule, finding.value, finding.line) == ("private-key-pkcs8", body, 3)


def test_key_header_without_key_data_is_not_a_finding(scanner):
    text = "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n"
    assert scanner.scan_bytes(text.encode(), "README.md") == []


def test_zip_members_are_scanned_and_named(scanner, fake):
    sample = fake("sendgrid-api-key")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("logo.png", b"\x89PNG\0\0binary")
        archive.writestr("conf/app.ini", f"[mail]\n{sample.line}\n")
    [finding] = scanner.scan_bytes(buffer.getvalue(), "dist/bundle.zip")
    assert (finding.path, finding.member, finding.line, finding.value) == (
        "dist/bundle.zip",
        "conf/app.ini",
        2,
        sample.value,
    )


def test_binary_content_is_skipped(scanner, fake):
    sample = fake("npm-access-token")
    assert scanner.scan_bytes(b"\0\1\2" + sample.line.encode(), "blob.dat") == []


def test_allowlisted_paths_are_skipped(fake):
    sample = fake("npm-access-token")
    scanner = Scanner(RuleSet.load(), allow_paths=["tests/fixtures/*"])
    assert scanner.scan_bytes(sample.line.encode(), "tests/fixtures/npmrc") == []
    assert len(scanner.scan_bytes(sample.line.encode(), "src/npmrc")) == 1


def test_patch_context_gives_commit_author_file_and_new_line_number(scanner, fake):
    sample = fake("stripe-secret-key")
    patch = (
        "commit abc123\x1fAda\x1fada@example.org\x1f2024-03-01T10:00:00+00:00\n\n"
        "diff --git a/pay.py b/pay.py\n--- a/pay.py\n+++ b/pay.py\n"
        "@@ -10,2 +10,3 @@\n-old = 1\n-older = 2\n+new = 1\n"
        f"+{sample.line}\n+after = 3\n"
    )
    [finding] = scanner.scan_patch(patch.encode())
    assert (finding.path, finding.line, finding.commit, finding.author, finding.email) == (
        "pay.py",
        11,
        "abc123",
        "Ada",
        "ada@example.org",
    )
    assert finding.date == "2024-03-01T10:00:00+00:00"


def test_removed_lines_in_a_patch_are_not_findings(scanner, fake):
    sample = fake("stripe-secret-key")
    patch = f"diff --git a/p b/p\n--- a/p\n+++ b/p\n@@ -1 +0,0 @@\n-{sample.line}\n"
    assert scanner.scan_patch(patch.encode()) == []
