"""Scheduled scans become incidents through ingest, one per leaked value, with the
rotation checklist for its kind and the clean-up steps."""

import os
import random
from datetime import timedelta

import pytest
from django.utils import timezone

from vigil.alerts.models import Alert, Incident
from vigil.orchestration.scheduler import JOBS, Scheduler
from vigil.secretscan import hooks
from vigil.secretscan.models import ScannedRepository, SecretFinding
from vigil.secretscan.samples import private_key_lines

pytestmark = pytest.mark.django_db


def run_job(name: str) -> None:
    job = next(job for job in JOBS if job.name == name)
    assert Scheduler([job], threads=False).run_due() == [name]


def scan_again() -> None:
    # A day later: the repositories are due again. The job is claimed for its tick, so
    # later runs in a test call it directly.
    ScannedRepository.objects.update(last_scan_at=timezone.now() - timedelta(days=1, minutes=1))
    next(job for job in JOBS if job.name == "secret_scan").func()


@pytest.fixture
def watched(repo, settings):
    settings.SECRETSCAN_REPOSITORIES = [str(repo.path)]
    hooks.install_pre_commit_hook(repo.path)
    return repo


def test_the_scans_are_looked_for_only_for_configured_repositories(settings):
    settings.SECRETSCAN_REPOSITORIES = []
    job = next(job for job in JOBS if job.name == "secret_scan")
    assert job.interval() == 0 and job.background
    settings.SECRETSCAN_REPOSITORIES = ["/srv/git/app.git"]
    assert job.interval() == 300
    settings.SECRETSCAN_TREE_INTERVAL = 60
    assert job.interval() == 60
    settings.SECRETSCAN_TREE_INTERVAL = settings.SECRETSCAN_HISTORY_INTERVAL = 0
    assert job.interval() == 0


def test_each_leaked_value_opens_one_incident_with_its_rotation_and_clean_up(watched, fake):
    telegram, database = fake("telegram-bot-token"), fake("database-url-password")
    watched.commit("leaks", bot=telegram.line + "\n", db=database.line + "\n")
    run_job("secret_scan")
    incidents = {i.title: i for i in Incident.objects.filter(source="secretscan")}
    assert set(incidents) == {
        "secret leaked in repo: telegram-bot-token",
        "secret leaked in repo: database-url-password",
    }
    bot = incidents["secret leaked in repo: telegram-bot-token"].alerts.get()
    assert bot.severity == "critical" and bot.labels["kind"] == "telegram"
    assert "@BotFather" in bot.description and "/revoke" in bot.description
    assert "--force-with-lease" in bot.description and "re-clone" in bot.description
    db = incidents["secret leaked in repo: database-url-password"].alerts.get()
    assert "ALTER USER" in db.description
    row = SecretFinding.objects.get(path="bot")
    assert row.incident_id == incidents["secret leaked in repo: telegram-bot-token"].pk
    stored = repr(list(Alert.objects.values())) + repr(list(Incident.objects.values()))
    assert telegram.value not in stored and database.value not in stored
    scan_again()
    assert Incident.objects.count() == 2  # nothing new on the next scan


@pytest.mark.parametrize(
    ("kind", "needle"),
    [("aws-access-key-id", "update-access-key"), ("private-key", "authorized_keys")],
)
def test_rotation_checklists_by_kind(watched, fake, kind, needle):
    if kind == "private-key":
        _, lines = private_key_lines(random.Random(5), "OPENSSH PRIVATE KEY")
        watched.commit("key", id_ed25519="\n".join(lines) + "\n")
    else:
        watched.commit("key", aws=fake(kind).line + "\n")
    run_job("secret_scan")
    assert needle in Alert.objects.get(source="secretscan").description


def test_a_sensitive_file_added_after_the_first_scan_opens_an_incident(watched, fake):
    watched.commit("base", readme="hi\n", **{".env.example": "TOKEN=\n"})
    run_job("secret_scan")
    watched.commit("oops", **{"deploy__.env": "DEBUG=1\n", "certs__server.pem": "x\n"})
    scan_again()
    titles = sorted(Incident.objects.values_list("title", flat=True))
    assert titles == [
        "sensitive file added to repo: certs/server.pem",
        "sensitive file added to repo: deploy/.env",
    ]


def test_a_missing_hook_opens_an_incident_that_resolves_once_installed(watched):
    watched.commit("base", readme="hi\n")
    hook = watched.path / ".git" / "hooks" / "pre-commit"
    hook.unlink()
    run_job("secret_scan")
    incident = Incident.objects.get(title="pre-commit secret hook missing in repo")
    hooks.install_pre_commit_hook(watched.path)
    scan_again()
    incident.refresh_from_db()
    assert incident.status == "resolved"


def test_a_disabled_hook_is_named(watched):
    watched.commit("base", readme="hi\n")
    os.chmod(watched.path / ".git" / "hooks" / "pre-commit", 0o644)
    run_job("secret_scan")
    assert Incident.objects.filter(title="pre-commit secret hook disabled in repo").exists()


def test_a_failing_scan_opens_an_incident_and_resolves_when_it_works_again(watched):
    watched.commit("base", readme="hi\n")
    git_dir = watched.path / ".git"
    git_dir.rename(watched.path / "git-away")  # not a repository any more
    run_job("secret_scan")
    incident = Incident.objects.get(source="secretscan")
    assert incident.title == "secret scan of repo fails"
    assert "git log failed" in incident.alerts.get().description
    (watched.path / "git-away").rename(git_dir)
    scan_again()
    incident.refresh_from_db()
    assert incident.status == "resolved"
