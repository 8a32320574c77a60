import io
import json
import subprocess
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vigil.secretscan import purge


def scan_report(repo, tmp_path):
    target = tmp_path / "findings.json"
    call_command(
        "scan_secrets",
        str(repo.path),
        "--history",
        "--all-refs",
        "--format",
        "json",
        "--output",
        str(target),
        stdout=StringIO(),
    )
    return target


def all_objects_text(path) -> bytes:
    return b"".join(content for _oid, content in purge.iter_objects(path))


@pytest.fixture
def leaked(repo, fake):
    sample = fake("stripe-secret-key")
    repo.commit("add keys", **{"pay.py": f"import stripe\n{sample.line}\n"})
    repo.commit("drop keys", **{"pay.py": "import stripe\n"})
    return sample


def test_dry_run_shows_the_plan_and_changes_nothing(repo, leaked, tmp_path):
    report = scan_report(repo, tmp_path)
    head = repo.git("rev-parse", "HEAD")
    out = StringIO()
    call_command("purge_secrets", "--report", str(report), stdout=out)
    text = out.getvalue()
    assert "1 secret value(s) in 1 place(s) across 1 commit(s)" in text
    assert "pay.py:2  stripe-secret-key" in text and "Dry run: nothing changed" in text
    assert leaked.value not in text
    assert repo.git("rev-parse", "HEAD") == head
    assert leaked.value.encode() in all_objects_text(repo.path)


@pytest.mark.slow
def test_yes_backs_up_rewrites_and_verifies_no_object_keeps_the_value(repo, leaked, tmp_path):
    report = scan_report(repo, tmp_path)
    backup = tmp_path / "backup.git"
    out = StringIO()
    call_command(
        "purge_secrets", "--report", str(report), "--yes", "--backup", str(backup), stdout=out
    )
    text = out.getvalue()
    assert "Verified: the scanner (archives opened, commit messages included)" in text
    assert "push --force-with-lease --all origin" in text and "re-clone" in text
    assert backup.stat().st_mode & 0o777 == 0o700
    assert leaked.value.encode() not in all_objects_text(repo.path)
    assert purge.REPLACEMENT in repo.git("log", "--all", "-p")
    # The backup mirror still has the original history.
    assert leaked.value.encode() in all_objects_text(backup)
    assert (
        subprocess.run(
            ["git", "-C", str(repo.path), "remote"], capture_output=True, text=True
        ).stdout
        == ""
    )


def test_report_without_findings_is_refused(repo, tmp_path):
    report = tmp_path / "empty.json"
    report.write_text(json.dumps({"root": str(repo.path), "findings": []}))
    with pytest.raises(CommandError, match="lists no findings"):
        call_command("purge_secrets", "--report", str(report), stdout=StringIO())


def test_dirty_working_copy_is_refused_before_any_backup(repo, leaked, tmp_path):
    report = scan_report(repo, tmp_path)
    repo.write("pay.py", "changed\n")
    backup = tmp_path / "backup.git"
    with pytest.raises(CommandError, match="uncommitted changes"):
        call_command(
            "purge_secrets",
            "--report",
            str(report),
            "--yes",
            "--backup",
            str(backup),
            stdout=StringIO(),
        )
    assert not backup.exists()


def test_multi_line_keys_are_replaced_line_by_line():
    assert purge.fragments(["AAAAAAAAAA\nBBBBBBBBBB\nshort", "CCCCCCCCCC"]) == [
        "AAAAAAAAAA",
        "BBBBBBBBBB",
        "CCCCCCCCCC",
    ]


def test_replacement_file_uses_literals_and_escapes_the_separator(tmp_path):
    path = purge.replace_text_file(["plainvalue123", "tricky==>value9"], tmp_path)
    assert path.read_text().splitlines() == [
        f"literal:plainvalue123==>{purge.REPLACEMENT}",
        f"regex:tricky\\=\\=>value9==>{purge.REPLACEMENT}",
    ]
    assert path.stat().st_mode & 0o777 == 0o600


def zipped(sample) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("conf/app.ini", f"[mail]\n{sample.line}\n")
    return buffer.getvalue()


@pytest.fixture
def zipped_leak(repo, fake):
    sample = fake("sendgrid-api-key")
    repo.commit("ship bundle", **{"dist__bundle.zip": zipped(sample)})
    repo.commit("drop bundle", **{"dist__bundle.zip": b"PK\x05\x06" + b"\0" * 18})
    return sample


def test_a_value_inside_an_archive_is_refused_without_drop_archives(repo, zipped_leak, tmp_path):
    report = scan_report(repo, tmp_path)
    head, backup = repo.git("rev-parse", "HEAD"), tmp_path / "backup.git"
    with pytest.raises(
        CommandError, match=r"inside archives.*dist/bundle.zip \(member conf/app.ini"
    ):
        call_command(
            "purge_secrets", "--report", str(report), "--yes", "--backup", str(backup),
            stdout=StringIO(),
        )  # fmt: skip
    assert repo.git("rev-parse", "HEAD") == head and not backup.exists()


def test_verification_reads_archives_as_the_scanner_does(repo, zipped_leak, tmp_path):
    report = json.loads(scan_report(repo, tmp_path).read_text())
    plan = purge.plan(repo.path, report)
    assert zipped_leak.value.encode() not in all_objects_text(repo.path)  # deflated
    archive_blob = repo.git("rev-parse", f"{repo.git('rev-parse', 'HEAD~1')}:dist/bundle.zip")
    assert archive_blob in purge.remaining(repo.path, plan)


@pytest.mark.slow
def test_drop_archives_deletes_the_archive_versions_and_verifies(repo, zipped_leak, tmp_path):
    repo.commit("more", readme="hello\n")
    report = scan_report(repo, tmp_path)
    out = StringIO()
    call_command(
        "purge_secrets", "--report", str(report), "--yes", "--drop-archives",
        "--backup", str(tmp_path / "backup.git"), stdout=out,
    )  # fmt: skip
    assert "Verified: the scanner" in out.getvalue()
    after = json.loads(scan_report(repo, tmp_path).read_text())
    assert after["findings"] == []
    # The commit that only added the archive had nothing else: git-filter-repo prunes it.
    assert repo.git("log", "--all", "--format=%s") == "more\ndrop bundle"
