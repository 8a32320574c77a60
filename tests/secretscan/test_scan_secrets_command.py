import io
import json
import os
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from vigil.secretscan import cli, hooks

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("scan_secrets", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_text_report_names_file_line_rule_and_hides_the_value(repo, fake):
    sample = fake("anthropic-api-key")
    repo.commit("add", **{"svc__llm.py": f"import x\n{sample.line}\n"})
    out = run(str(repo.path))
    assert "anthropic-api-key  sk-a******** (108 chars)  sha256:" in out
    assert "\n    svc/llm.py:2\n" in out
    assert sample.value not in out and "1 finding(s) of 1 distinct value(s)" in out


def test_places_of_one_value_are_grouped_and_distinct_values_counted(repo, fake, tmp_path):
    shared, other = fake("npm-access-token"), fake("npm-access-token")
    repo.commit("one", a=shared.line + "\n", b=shared.line + "\n", c=other.line + "\n")
    out = run(str(repo.path))
    assert "3 finding(s) of 2 distinct value(s) to review" in out
    assert out.index("    a:1") < out.index("    b:1") < out.index("npm-access-token", 60)
    target = tmp_path / "r.json"
    run(str(repo.path), "--format", "json", "--output", str(target))
    report = json.loads(target.read_text())
    assert report["distinct_values"] == 2
    assert [v["places"] for v in report["values"]] == [2, 1]


def test_json_history_report_has_commit_author_and_date(repo, fake, tmp_path):
    sample = fake("stripe-webhook-secret")
    sha = repo.commit("add", date="2023-05-06T07:08:09+00:00", hook=sample.line + "\n")
    target = tmp_path / "report.json"
    run(str(repo.path), "--history", "--all-refs", "--format", "json", "--output", str(target))
    report = json.loads(target.read_text())
    assert report["mode"] == "history" and report["all_refs"] is True
    [finding] = report["findings"]
    assert finding["commit"] == sha and finding["author"] == "Ada Lovelace"
    assert (
        finding["date"] == "2023-05-06T07:08:09+00:00"
        and finding["rule"] == "stripe-webhook-secret"
    )
    assert sample.value not in target.read_text()


def test_sarif_report_is_sarif_2_1_0(repo, fake):
    sample = fake("npm-access-token")
    repo.commit("add", env=sample.line + "\n")
    sarif = json.loads(run(str(repo.path), "--format", "sarif"))
    assert sarif["version"] == "2.1.0"
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "npm-access-token"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "env", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 1,
        "startColumn": sample.line.index(sample.value) + 1,
    }
    assert sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == f"file://{repo.path}/"
    rule = sarif["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["id"] == "npm-access-token" and rule["properties"]["security-severity"] == "9.0"


def test_sarif_history_results_carry_the_commit_and_archive_members(repo, fake):
    sample = fake("npm-access-token")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("conf/.npmrc", sample.line + "\n")
    sha = repo.commit("ship", **{"dist__bundle.zip": buffer.getvalue()})
    sarif = json.loads(run(str(repo.path), "--history", "--format", "sarif"))
    [result] = sarif["runs"][0]["results"]
    assert result["partialFingerprints"]["commitSha"] == sha
    assert result["partialFingerprints"]["secretHash/v1"].startswith("sha256:")
    assert (
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dist/bundle.zip"
    )
    assert (result["properties"]["member"], result["properties"]["commit"]) == ("conf/.npmrc", sha)


def test_fail_exits_non_zero_until_the_finding_is_baselined(repo, fake):
    repo.commit("add", key=fake("dockerhub-pat").line + "\n")
    with pytest.raises(CommandError, match="1 finding"):
        run(str(repo.path), "--fail")
    run(str(repo.path), "--update-baseline")
    baseline = json.loads((repo.path / ".secrets-baseline.json").read_text())
    assert baseline["findings"][0]["fingerprint"].startswith("sha256:")
    out = run(str(repo.path), "--fail")
    assert "0 finding(s)" in out


def test_project_config_allowlists_fixture_paths(repo, fake):
    repo.commit(
        "fixtures",
        **{
            ".vigil-secretscan.toml": '[allowlist]\npaths = ["tests/fixtures/*"]\n',
            "tests__fixtures__tokens.txt": fake("npm-access-token").line + "\n",
        },
    )
    assert "0 finding(s)" in run(str(repo.path), "--fail")


def test_flags_that_need_history_are_refused(repo):
    with pytest.raises(CommandError, match="need --history"):
        run(str(repo.path), "--all-refs")
    with pytest.raises(CommandError, match="is not a directory or a file"):
        run(str(repo.path / "missing"))


@pytest.mark.slow
def test_installed_hook_refuses_a_commit_that_adds_a_secret(repo, fake):
    repo.commit("base", readme="hello\n")
    assert "installed pre-commit hook" in run("--install-hook", str(repo.path))
    repo.write("deploy.env", fake("github-pat").line + "\n")
    repo.git("add", "deploy.env")
    blocked = subprocess.run(
        ["git", "-C", str(repo.path), "commit", "-q", "-m", "leak"], capture_output=True, text=True
    )
    assert blocked.returncode == 1 and "github-pat" in blocked.stdout + blocked.stderr
    assert "blocked: 1 secret value(s) in the changes staged for commit" in blocked.stderr
    assert "vigil:allow" in blocked.stderr
    assert f"{sys.executable} -m vigil.secretscan --update-baseline {repo.path}" in blocked.stderr
    assert "git commit --no-verify" in blocked.stderr
    repo.write("deploy.env", "TOKEN=${GITHUB_TOKEN}\n")
    repo.git("add", "deploy.env")
    clean = subprocess.run(
        ["git", "-C", str(repo.path), "commit", "-q", "-m", "reference only"],
        capture_output=True,
        text=True,
    )
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")


def test_install_hook_does_not_overwrite_a_foreign_hook(repo):
    hook = repo.path / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n")
    with pytest.raises(CommandError, match="was not written by Vigil"):
        run("--install-hook", str(repo.path))
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"


def test_standalone_entry_point_exit_codes(repo, fake, capsys):
    repo.commit("add", key=fake("npm-access-token").line + "\n")
    assert cli.main([str(repo.path)]) == 0
    assert cli.main([str(repo.path), "--fail"]) == 1
    assert cli.main([str(repo.path / "nope")]) == 2
    assert "is not a directory or a file" in capsys.readouterr().err


def test_files_given_are_scanned_as_pre_commit_passes_them(repo, fake, capsys, monkeypatch):
    leak = fake("npm-access-token")
    repo.commit("base", **{"a.cfg": leak.line + "\n", "b.cfg": "clean\n", "c.cfg": "clean\n"})
    monkeypatch.chdir(repo.path)
    assert cli.main(["--fail", "--quiet", "b.cfg", "c.cfg"]) == 0
    assert capsys.readouterr() == ("", "")
    assert cli.main(["--fail", "--quiet", "a.cfg", "b.cfg"]) == 1
    out, err = capsys.readouterr()
    assert "    a.cfg:1" in out and "blocked: 1 secret value(s) in the files given" in err
    assert cli.main(["--history", "a.cfg"]) == 2
    assert "take one directory, not files" in capsys.readouterr().err


def test_fixture_findings_are_hidden_unless_the_minimum_confidence_is_low(repo, fake):
    repo.commit("fixtures", **{"tests__fixtures__npmrc": fake("npm-access-token").line + "\n"})
    assert "0 finding(s)" in run(str(repo.path))
    assert "1 finding(s)" in run(str(repo.path), "--min-confidence", "low")
    repo.commit("config", **{".vigil-secretscan.toml": '[report]\nmin_confidence = "low"\n'})
    assert "1 finding(s)" in run(str(repo.path))
    (repo.path / ".vigil-secretscan.toml").write_text('[report]\nmin_confidence = "sure"\n')
    with pytest.raises(CommandError, match="report.min_confidence is 'sure'; valid: low, medium"):
        run(str(repo.path))


VENV_BIN = Path(sys.executable).parent


def _without_vigil_settings() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VIGIL_"))}
    return {**env, "PATH": f"{VENV_BIN}:{env.get('PATH', '')}"}


@pytest.mark.slow
def test_vigil_scan_secrets_works_from_a_directory_without_vigil_settings(repo, fake, tmp_path):
    repo.commit("base", readme="hello\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [VENV_BIN / "vigil", "scan_secrets", "--install-hook", str(repo.path)],
        cwd=elsewhere, env=_without_vigil_settings(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (proc.returncode, proc.stderr) == (0, "")
    assert "installed pre-commit hook" in proc.stdout
    proc = subprocess.run(
        [VENV_BIN / "vigil", "scan_secrets", str(repo.path / "missing")],
        cwd=elsewhere, env=_without_vigil_settings(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("vigil scan_secrets: ")


@pytest.mark.slow
def test_pre_commit_run_all_files_scans_the_files_it_is_given(repo, fake):
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
    program, *args = hook["entry"].split()
    local = {
        "id": hook["id"], "name": hook["name"], "language": "system",
        "entry": " ".join([str(VENV_BIN / program), *args]),
        "pass_filenames": hook["pass_filenames"],
    }  # fmt: skip
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    repo.commit("base", **{".pre-commit-config.yaml": yaml.safe_dump(config), "app.cfg": "x = 1\n"})
    repo.commit("leak", **{"old.cfg": fake("npm-access-token").line + "\n"})
    env = {**_without_vigil_settings(), "PRE_COMMIT_HOME": str(repo.path.parent / "pc-home")}

    def pre_commit(*argv):
        return subprocess.run(
            [VENV_BIN / "pre-commit", *argv], cwd=repo.path, env=env,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    blocked = pre_commit("run", "--all-files")
    assert blocked.returncode == 1, blocked.stdout
    assert "old.cfg:1" in blocked.stdout and "blocked: 1 secret value(s)" in blocked.stdout
    repo.git("rm", "-q", "old.cfg")
    repo.git("commit", "-q", "-m", "drop")
    clean = pre_commit("run", "--all-files")
    assert clean.returncode == 0, clean.stdout


def test_hook_state_follows_a_hooks_path_with_spaces(repo, tmp_path):
    repo.git("config", "core.hooksPath", str(tmp_path / "shared hooks"))
    assert hooks.hook_state(repo.path) == hooks.MISSING
    hook = hooks.install_pre_commit_hook(repo.path)
    assert hooks.hook_state(repo.path) == hooks.INSTALLED
    hook.chmod(0o644)
    assert hooks.hook_state(repo.path) == hooks.DISABLED
