import base64
import io
import zipfile
from pathlib import Path

import pytest

from vigil.secretscan import gitrepo, sources
from vigil.secretscan.engine import Scanner
from vigil.secretscan.rules import RuleSet


def test_history_finds_a_secret_removed_later_with_commit_author_and_date(repo, scanner, fake):
    sample = fake("gitlab-pat")
    added = repo.commit(
        "add config", date="2024-03-01T10:00:00+00:00", app__cfg=f"x = 1\n{sample.line}\n"
    )
    repo.commit("remove it", date="2024-03-02T10:00:00+00:00", app__cfg="x = 1\n")
    assert sources.scan_tree(scanner, repo.path) == []
    [finding] = sources.scan_history(scanner, repo.path)
    assert (finding.rule, finding.path, finding.line) == ("gitlab-pat", "app/cfg", 2)
    assert (finding.commit, finding.author, finding.email) == (
        added,
        "Ada Lovelace",
        "ada@example.org",
    )
    assert finding.date == "2024-03-01T10:00:00+00:00"


def test_all_refs_reaches_other_branches_and_since_limits_commits(repo, scanner, fake):
    old, branch_only, recent = (
        fake("npm-access-token"),
        fake("npm-access-token"),
        fake("npm-access-token"),
    )
    repo.commit("old", a=old.line + "\n")
    base = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("feature", b=branch_only.line + "\n")
    repo.git("checkout", "-q", "main")
    repo.commit("recent", c=recent.line + "\n")

    def values(**kw):
        return {f.value for f in sources.scan_history(scanner, repo.path, **kw)}

    assert values() == {old.value, recent.value}
    assert values(all_refs=True) == {old.value, branch_only.value, recent.value}
    assert values(since=base) == {recent.value}
    assert values(since=base, all_refs=True) == {branch_only.value, recent.value}


def test_history_is_scanned_in_parallel_chunks_with_the_same_result(repo, scanner, fake):
    samples = [fake("shopify-access-token") for _ in range(6)]
    for i, sample in enumerate(samples):
        repo.commit(f"c{i}", **{f"f{i}": ("filler line\n" * 200) + sample.line + "\n"})
    serial = sources.scan_history(scanner, repo.path, workers=1)
    parallel = sources.scan_history(scanner, repo.path, workers=2, chunk_bytes=4096)
    key = sorted((f.value, f.commit, f.line) for f in serial)
    assert key == sorted((f.value, f.commit, f.line) for f in parallel)
    assert {f.value for f in serial} == {s.value for s in samples}


def test_staged_scan_sees_only_what_is_staged(repo, scanner, fake):
    committed, staged, unstaged = (
        fake("pulumi-access-token"),
        fake("pulumi-access-token"),
        fake("pulumi-access-token"),
    )
    repo.commit("base", a=committed.line + "\n")
    repo.write("b", staged.line + "\n")
    repo.git("add", "b")
    repo.write("c", unstaged.line + "\n")
    [finding] = sources.scan_staged(scanner, repo.path)
    assert (finding.value, finding.path, finding.line, finding.commit) == (staged.value, "b", 1, "")


def test_tree_scan_of_a_plain_directory_walks_files(tmp_path, scanner, fake):
    sample = fake("npm-access-token")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "npmrc").write_text(sample.line + "\n")
    [finding] = sources.scan_tree(scanner, tmp_path)
    assert finding.path == str(Path("sub/npmrc"))


def test_history_of_a_repository_without_commits_is_empty(repo, scanner):
    assert sources.scan_history(scanner, repo.path) == []


def test_history_of_a_non_repository_is_an_error(tmp_path, scanner):
    with pytest.raises(gitrepo.ScanError, match="git log failed"):
        sources.scan_history(scanner, tmp_path)


def test_zip_archives_in_history_are_opened_from_the_object_store(repo, scanner, fake):
    sample = fake("sendgrid-api-key")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app/settings.ini", f"[mail]\n{sample.line}\n")
    sha = repo.commit("ship bundle", **{"dist__bundle.zip": buffer.getvalue()})
    repo.commit("drop bundle", **{"dist__bundle.zip": b"PK\x05\x06" + b"\0" * 18})
    [finding] = sources.scan_history(scanner, repo.path)
    assert (finding.path, finding.member, finding.line, finding.commit) == (
        "dist/bundle.zip",
        "app/settings.ini",
        2,
        sha,
    )
    assert finding.author == "Ada Lovelace" and finding.value == sample.value


def test_tree_of_a_bare_mirror_is_the_tree_of_head(repo, scanner, fake, tmp_path):
    sample, gone = fake("npm-access-token"), fake("npm-access-token")
    repo.commit("one", a=gone.line + "\n")
    repo.commit("two", a="clean\n", b=sample.line + "\n")
    mirror = tmp_path / "mirror.git"
    repo.git("clone", "-q", "--mirror", str(repo.path), str(mirror))
    [finding] = sources.scan_tree(scanner, mirror)
    assert (finding.path, finding.value) == ("b", sample.value)


def test_large_trees_are_scanned_by_a_process_pool_with_the_same_result(tmp_path, scanner, fake):
    samples = [fake("npm-access-token") for _ in range(3)]
    for i in range(450):
        (tmp_path / f"f{i:03}.txt").write_text("nothing here\n")
    for i, sample in enumerate(samples):
        (tmp_path / f"f{i * 150:03}.txt").write_text(sample.line + "\n")
    serial = sources.scan_tree(scanner, tmp_path, workers=1)
    parallel = sources.scan_tree(scanner, tmp_path, workers=2)
    assert (
        sorted(f.value for f in parallel)
        == sorted(f.value for f in serial)
        == sorted(s.value for s in samples)
    )


def test_since_accepts_a_date_when_it_is_not_a_revision(repo, scanner, fake):
    old, new = fake("npm-access-token"), fake("npm-access-token")
    repo.commit("old", date="2020-01-01T00:00:00+00:00", a=old.line + "\n")
    repo.commit("new", date="2024-06-01T00:00:00+00:00", b=new.line + "\n")
    found = sources.scan_history(scanner, repo.path, since="2023-01-01")
    assert [f.value for f in found] == [new.value]


def test_paths_with_spaces_unicode_and_quotes_are_reported_as_named(repo, scanner, fake):
    names = ["dir with space/ünï.py", 'odd"quote.cfg', "tab\there.env"]
    samples = {name: fake("npm-access-token") for name in names}
    for name, sample in samples.items():
        repo.write(name, sample.line + "\n")
    repo.commit("odd names")
    found = {f.path: f.value for f in sources.scan_history(scanner, repo.path)}
    assert found == {name: s.value for name, s in samples.items()}
    staged_tree = {f.path for f in sources.scan_tree(scanner, repo.path)}
    assert staged_tree == set(names)


def test_the_process_pool_reports_at_the_scanners_minimum_confidence(repo, fake):
    scanner = Scanner(RuleSet.load(), min_confidence="medium")
    real, fixture = fake("shopify-access-token"), fake("shopify-access-token")
    for i in range(4):
        repo.commit(f"c{i}", **{f"f{i}": "filler line\n" * 300})
    repo.commit(
        "leaks", **{"app.cfg": real.line + "\n", "tests__fixtures__shop": fixture.line + "\n"}
    )
    found = sources.scan_history(scanner, repo.path, workers=2, chunk_bytes=4096)
    assert [f.value for f in found] == [real.value]


def test_history_judges_a_kubernetes_secret_entry_on_its_decoded_value(repo, scanner):
    weak = base64.b64encode(b"quobyte").decode()
    strong = base64.b64encode(b"Zr8-kQ2_vN7xLp4TmW9sYc3H").decode()
    manifest = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: chap\ndata:\n"
    repo.commit("add", **{"k8s__chap.yaml": manifest + f"  password: {weak}\n"})
    repo.commit("change", **{"k8s__chap.yaml": manifest + f"  password: {strong}\n"})
    found = sources.scan_history(scanner, repo.path)
    assert [(f.value, f.path, f.line) for f in found] == [(strong, "k8s/chap.yaml", 6)]
