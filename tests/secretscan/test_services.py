from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from vigil.checkers.checkers import CHECKERS
from vigil.secretscan import checks, services
from vigil.secretscan.models import ScannedRepository, SecretFinding, Triage
from vigil.secretscan.triage import set_triage

pytestmark = pytest.mark.django_db


def scan(full_history: bool = False):
    [result] = [
        services.scan_repository(p, full_history) for p in services.configured_repositories()
    ]
    return result


def test_no_check_stage_scans_repositories():
    # Secret scanning runs on its own schedule, never inside an incident's checks.
    assert "secrets" not in CHECKERS


def test_first_scan_stores_findings_with_commit_and_first_seen_times(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    sample = fake("gitlab-pat")
    sha = repo.commit("leak", date="2024-01-02T03:04:05+00:00", ci=sample.line + "\n")
    [[finding]] = scan().new.values()
    assert (finding.rule, finding.kind, finding.path, finding.line, finding.commit) == (
        "gitlab-pat",
        "token",
        "ci",
        1,
        sha,
    )
    assert finding.committed_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert finding.time_to_detect.total_seconds() > 0
    assert sample.value not in repr(SecretFinding.objects.values_list())


def test_later_scans_read_only_new_commits_and_resolve_removed_values(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    first, second = fake("npm-access-token"), fake("npm-access-token")
    repo.commit("one", a=first.line + "\n")
    assert len(scan().new) == 1
    assert scan().new == {}
    tips = ScannedRepository.objects.get().tips
    repo.commit("two", a="clean\n", b=second.line + "\n")
    result = scan()
    assert [rows[0].path for rows in result.new.values()] == ["b"] and result.resolved == 1
    assert ScannedRepository.objects.get().tips != tips
    resolved = SecretFinding.objects.get(path="a")
    assert resolved.resolved_at is not None and resolved.time_to_remediate is not None


def test_each_repository_is_due_by_its_own_times(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    settings.SECRETSCAN_TREE_INTERVAL, settings.SECRETSCAN_HISTORY_INTERVAL = 86400, 604800
    repo.commit("one", a=fake("npm-access-token").line + "\n")
    now = timezone.now()
    assert services.due(repo.path, now) == "recent"  # never scanned: at the next tick
    [result] = services.scan_due()
    assert len(result.new) == 1 and services.due(repo.path, timezone.now()) == ""
    row = ScannedRepository.objects.get()
    assert row.last_history_scan_at == row.last_scan_at  # the first scan read everything
    assert services.due(repo.path, now + timedelta(days=1, seconds=1)) == "recent"
    assert services.due(repo.path, now + timedelta(days=7, seconds=1)) == "history"
    assert services.scan_due() == []  # nothing due now


def test_added_sensitive_files_are_those_of_new_commits_even_in_a_history_scan(repo, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    repo.commit("base", readme="hi\n")
    scan()
    repo.commit("oops", **{"deploy__.env": "DEBUG=1\n"})
    assert [a.path for a in scan().suspicious] == ["deploy/.env"]
    assert scan(full_history=True).suspicious == []


def test_one_scan_at_a_time(repo, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    services._scan_lock.acquire()
    try:
        with pytest.raises(services.ScanInProgress, match="still running"):
            services.scan_due()
    finally:
        services._scan_lock.release()


def test_a_full_history_scan_finds_nothing_new_in_a_scanned_repository(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    repo.commit("one", a=fake("npm-access-token").line + "\n")
    scan()
    assert scan(full_history=True).new == {}


def test_active_branches_trees_are_scanned(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    repo.commit("base", readme="hi\n")
    repo.git("checkout", "-q", "-b", "feature")
    sample = fake("stripe-secret-key")
    repo.commit("feature", pay=sample.line + "\n")
    repo.git("checkout", "-q", "main")
    [[row]] = scan().new.values()
    assert row.path == "pay"


def test_baselined_values_are_not_new(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    repo.commit("one", a=fake("npm-access-token").line + "\n")
    call_command(
        "scan_secrets", str(repo.path), "--history", "--update-baseline", stdout=StringIO()
    )
    assert scan().new == {}


def test_a_triaged_value_is_silenced_or_reported_again_as_its_state_says(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    dead, fixed = fake("npm-access-token"), fake("npm-access-token")
    repo.commit("one", a=dead.line + "\n", b=fixed.line + "\n")
    first = scan().new
    set_triage(SecretFinding.objects.get(path="a"), Triage.REVOKED, by="ada")
    set_triage(SecretFinding.objects.get(path="b"), Triage.FIXED, by="ada")
    repo.commit("again", c=dead.line + "\n", d=fixed.line + "\n")
    again = scan().new
    assert len(first) == 2 and [rows[0].path for rows in again.values()] == ["d"]
    assert SecretFinding.objects.get(path="c").triage == Triage.REVOKED


def test_unsafe_or_broken_repositories_are_reported_not_raised(tmp_path, settings):
    settings.SECRETSCAN_REPOSITORIES = ["relative/path", str(tmp_path)]
    result = scan()
    assert "git log failed" in result.error
    assert ScannedRepository.objects.get().last_error == result.error


def test_system_checks_name_refused_and_non_git_repositories(tmp_path, settings):
    settings.SECRETSCAN_REPOSITORIES = ["relative/path", str(tmp_path)]
    ids = [m.id for m in checks.check_repositories(None)]
    assert ids == ["secretscan.W001", "secretscan.W002"]


def test_system_check_reports_a_broken_rules_file(tmp_path, settings):
    bad = tmp_path / "rules.toml"
    bad.write_text("[[rules]]\nid = 'x'\n")
    settings.SECRETSCAN_RULES_FILE = str(bad)
    [message] = checks.check_rules_file(None)
    assert message.id == "secretscan.E001" and "lacks 'regex'" in message.msg
