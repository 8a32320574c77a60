import pytest

from vigil.checkers import services as checker_services
from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import CheckContext, Status
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
