import io
import json
import subprocess
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vigil.secretscan import cli


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
    with pytest.raises(CommandError, match="is not a directory"):
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
    assert blocked.returncode == 1 and "github-pat" in blocked.stderr
    repo.write("deploy.env", "TOKEN=${GITHUB_TOKEN}\n")
    repo.git("add", "deploy.env")
    repo.git("commit", "-q", "-m", "reference only")


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
    assert "is not a directory" in capsys.readouterr().err


def test_fixture_findings_are_hidden_unless_the_minimum_confidence_is_low(repo, fake):
    repo.commit("fixtures", **{"tests__fixtures__npmrc": fake("npm-access-token").line + "\n"})
    assert "0 finding(s)" in run(str(repo.path))
    assert "1 finding(s)" in run(str(repo.path), "--min-confidence", "low")
    repo.commit("config", **{".vigil-secretscan.toml": '[report]\nmin_confidence = "low"\n'})
    assert "1 finding(s)" in run(str(repo.path))
    (repo.path / ".vigil-secretscan.toml").write_text('[report]\nmin_confidence = "sure"\n')
    with pytest.raises(CommandError, match="report.min_confidence is 'sure'; valid: low, medium"):
        run(str(repo.path))
