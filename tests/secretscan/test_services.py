from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from vigil.alerts.models import Alert, Incident
from vigil.secretscan import checks, services
from vigil.secretscan.models import ScannedRepository, SecretFinding

pytestmark = pytest.mark.django_db


def test_first_scan_stores_findings_with_commit_and_first_seen_times(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    sample = fake("gitlab-pat")
    sha = repo.commit("leak", date="2024-01-02T03:04:05+00:00", ci=sample.line + "\n")
    [result] = services.scan_configured_repositories()
    [finding] = result.new
    assert (finding.rule, finding.path, finding.line, finding.commit) == (
        "gitlab-pat",
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
    assert len(services.scan_configured_repositories()[0].new) == 1
    assert services.scan_configured_repositories()[0].new == []
    tips = ScannedRepository.objects.get().tips
    repo.commit("two", a="clean\n", b=second.line + "\n")
    result = services.scan_configured_repositories()[0]
    assert [f.path for f in result.new] == ["b"] and result.resolved == 1
    assert ScannedRepository.objects.get().tips != tips
    resolved = SecretFinding.objects.get(path="a")
    assert resolved.resolved_at is not None and resolved.time_to_remediate is not None


def test_baselined_values_are_not_new(repo, fake, settings, tmp_path):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    repo.commit("one", a=fake("npm-access-token").line + "\n")
    call_command(
        "scan_secrets", str(repo.path), "--history", "--update-baseline", stdout=StringIO()
    )
    assert services.scan_configured_repositories()[0].new == []


def test_unsafe_or_broken_repositories_are_reported_not_raised(tmp_path, settings):
    settings.SECRETSCAN_REPOSITORIES = ["relative/path", str(tmp_path)]
    [result] = services.scan_configured_repositories()
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


def test_each_batch_of_new_findings_opens_a_critical_incident(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    first, second = fake("stripe-secret-key"), fake("gitlab-pat")
    repo.commit("one", pay=first.line + "\n")
    services.scan_configured_repositories()
    incident = Incident.objects.get()
    assert (incident.title, incident.severity, incident.source) == (
        "secret detected in repo",
        "critical",
        "secretscan",
    )
    assert SecretFinding.objects.get().incident_id == incident.pk
    services.scan_configured_repositories()  # nothing new: no new incident
    assert Incident.objects.count() == 1
    repo.commit("two", ci=second.line + "\n")
    services.scan_configured_repositories()
    newest = Incident.objects.exclude(pk=incident.pk).get()
    assert SecretFinding.objects.get(path="ci").incident_id == newest.pk
    alert = newest.alerts.get()
    assert alert.labels["repository"] == str(repo.path)
    assert [f["rule"] for f in alert.annotations["findings"]] == ["gitlab-pat"]
    assert "gitlab-pat in ci:1 (commit" in alert.description
    stored = repr(list(Alert.objects.values())) + repr(list(Incident.objects.values()))
    assert first.value not in stored and second.value not in stored
