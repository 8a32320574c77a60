import pytest

from vigil.alerts.models import Alert, Incident
from vigil.checkers import services as checker_services
from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import CheckContext, Status
from vigil.orchestration.scheduler import run_health_checks
from vigil.secretscan.models import SecretFinding


def test_secrets_checker_is_registered_and_in_the_default_suite_only_when_configured(settings):
    assert CHECKERS["secrets"].slug == "secrets"
    settings.SECRETSCAN_REPOSITORIES = []
    assert "secrets" not in checker_services.default_suite(CheckContext())
    settings.SECRETSCAN_REPOSITORIES = ["/srv/git/app.git"]
    assert "secrets" in checker_services.default_suite(CheckContext())


def test_unconfigured_checker_says_why(settings):
    settings.SECRETSCAN_REPOSITORIES = []
    [result] = CHECKERS["secrets"](CheckContext()).run()
    assert result.status is Status.UNKNOWN and "SECRETSCAN_REPOSITORIES" in result.message


@pytest.mark.django_db
def test_new_finding_is_critical_then_ok_on_the_next_run(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    sample = fake("slack-webhook-url")
    repo.commit("hook", notify__cfg=sample.line + "\n")
    [first] = CHECKERS["secrets"](CheckContext()).run()
    assert first.status is Status.CRITICAL and first.target == str(repo.path)
    assert first.message == f"1 new secret finding(s) in {repo.path}: slack-webhook-url"
    assert sample.value not in first.message
    [second] = CHECKERS["secrets"](CheckContext()).run()
    assert (second.status, second.metrics["new"]) == (Status.OK, 0)
    assert SecretFinding.objects.count() == 1


@pytest.mark.django_db
def test_repository_that_cannot_be_scanned_is_unknown(tmp_path, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(tmp_path)]
    [result] = CHECKERS["secrets"](CheckContext()).run()
    assert result.status is Status.UNKNOWN and "git log failed" in result.message


@pytest.mark.django_db(transaction=True)
def test_scheduled_scan_opens_exactly_one_incident_per_finding(repo, fake, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    settings.CHECKER_DEFAULT_SUITE = ["secrets", "memory"]
    repo.commit("hook", notify__cfg=fake("slack-webhook-url").line + "\n")
    summary = run_health_checks()
    assert summary is not None
    # The secretscan service opened "secret detected in <repo>"; the checker's critical
    # result did not also become a cluster alert with an incident of its own.
    assert Incident.objects.filter(source="secretscan").count() == 1
    assert not Alert.objects.filter(source="cluster", labels__check="secrets").exists()
    assert Alert.objects.filter(source="cluster", labels__check="memory").exists()
