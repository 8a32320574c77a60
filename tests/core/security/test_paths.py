import os
import subprocess
import sys

import pytest
from django.test import override_settings

from vigil.core.security import paths
from vigil.core.security.paths import (
    UnsafePathError,
    open_beneath,
    resolve_roots,
    resolve_safe_name,
    resolve_safe_path,
    safe_open,
)


@pytest.fixture
def root(tmp_path):
    base = tmp_path / "root"
    (base / "data").mkdir(parents=True)
    (base / "data" / "report.txt").write_text("inside")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "report.txt").write_text("SECRET outside")
    (tmp_path / "rootfoo").mkdir()
    return base.resolve()


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("", "empty"),
        ("data/report.txt", "absolute"),
        ("./data", "absolute"),
        ("~/data", "absolute"),
        (" {root}/data", "absolute"),
        ("C:\\Windows\\system.ini", "absolute"),
        ("{root}/../outside/report.txt", "'..'"),
        ("{root}/data/../../outside/report.txt", "'..'"),
        ("{root}/data/..", "'..'"),
        ("{root}/data/report.txt\x00.png", "NUL"),
        ("{root}/data/rep\nort.txt", "control"),
        ("{root}/data/\u202etxt.exe", "control"),
        ("{root}/data/a\u200bb", "control"),
        ("/etc/passwd", "outside the allowed roots"),
        ("/", "outside the allowed roots"),
        ("{root}foo/x", "outside the allowed roots"),
        ("{parent}/outside/report.txt", "outside the allowed roots"),
        ("/" + "a" * 5000, "longer than"),
    ],
)
def test_hostile_paths_are_refused(root, template, reason):
    value = template.format(root=root, parent=root.parent)
    with pytest.raises(UnsafePathError, match=reason):
        resolve_safe_path(value, [root])


@pytest.mark.parametrize("value", [None, b"/tmp/x", 42, ["/tmp"], object()])
def test_non_string_paths_are_refused(root, value):
    with pytest.raises(UnsafePathError, match="must be a string"):
        resolve_safe_path(value, [root])


def test_path_inside_root_resolves_to_absolute_real_path(root):
    assert resolve_safe_path(f"{root}//data/./report.txt", [root]) == root / "data/report.txt"
    assert resolve_safe_path(f"{root}/data/not-yet-created.log", [root]).name.startswith("not-yet")


def test_encoded_dots_are_literal_names_inside_the_root(root):
    for name in ("%2e%2e", "..%2f", "\u2024\u2024", "...."):
        assert resolve_safe_path(f"{root}/{name}/x", [root]).is_relative_to(root)


def test_symlink_escaping_the_root_is_refused(root):
    (root / "link").symlink_to(root.parent / "outside")
    with pytest.raises(UnsafePathError, match="outside the allowed roots") as caught:
        resolve_safe_path(f"{root}/link/report.txt", [root])
    assert "link/report.txt" in str(caught.value)


def test_symlink_within_the_root_resolves_to_its_target(root):
    (root / "alias").symlink_to(root / "data")
    assert resolve_safe_path(f"{root}/alias/report.txt", [root]) == root / "data/report.txt"


def test_filesystem_root_is_never_an_allowed_root(root, tmp_path):
    (tmp_path / "slash").symlink_to("/")
    assert resolve_roots(["/", str(tmp_path / "slash"), str(root)]) == [root]
    with pytest.raises(UnsafePathError, match="no allowed root"):
        resolve_safe_path("/etc/passwd", ["/"])


def test_relative_root_is_a_configuration_error():
    with pytest.raises(UnsafePathError, match="allowed root must be an absolute path"):
        resolve_roots(["var"])


def test_roots_come_from_settings(root):
    with override_settings(ALLOWED_FILESYSTEM_ROOTS=[str(root)]):
        assert resolve_safe_path(f"{root}/data", None) == root / "data"
        with pytest.raises(UnsafePathError, match="outside"):
            resolve_safe_path("/usr/bin/env")


def test_default_roots_apply_without_django_settings():
    code = "from vigil.core.security.paths import resolve_roots; print(resolve_roots())"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert "PurePosixPath('/opt')" in out.stdout and "PurePosixPath('/srv')" in out.stdout


def test_error_message_quotes_and_truncates_the_value():
    with pytest.raises(UnsafePathError) as caught:
        resolve_safe_path("relative/" + "x" * 500, ["/tmp"])
    message = str(caught.value)
    assert message.startswith("path must be absolute: 'relative/xxx")
    assert message.endswith("...") and len(message) < 200


@pytest.mark.parametrize(
    "name",
    [
        "",
        ".",
        "..",
        ".env",
        ".ssh",
        "a/b",
        "/etc",
        "a\\b",
        "..\\..\\boot.ini",
        "a\x00b",
        "a\nb",
        "a\x7fb",
        "\u202egnp.exe",
        "\uff0fetc",  # fullwidth solidus, NFKC "/"
        "\uff0e\uff0e",  # fullwidth dots, NFKC ".."
        "\uff3cwin",  # fullwidth backslash
        " leading",
        "trailing ",
        "a" * 256,
        "é" * 128,  # 256 bytes in UTF-8
        "\ud800",
        None,
        b"name",
    ],
)
def test_hostile_file_names_are_refused(name):
    with pytest.raises(UnsafePathError):
        resolve_safe_name(name)


@pytest.mark.parametrize("name", ["report.txt", "a..b", "ünïcode-名前.txt", "a" * 255, "x"])
def test_ordinary_file_names_are_accepted(name):
    assert resolve_safe_name(name) == name


def test_safe_open_reads_and_creates_files_inside_the_root(root):
    with safe_open(f"{root}/data/report.txt", [root]) as handle:
        assert handle.read() == b"inside"
    with safe_open(f"{root}/data/new.txt", [root], "w") as handle:
        handle.write("written")
    assert (root / "data/new.txt").read_text() == "written"
    assert oct((root / "data/new.txt").stat().st_mode & 0o777) == oct(paths.CREATE_MODE)


def test_safe_open_refuses_a_fifo_without_blocking(root):
    os.mkfifo(root / "data/pipe")
    with pytest.raises(UnsafePathError, match="not a regular file"):
        safe_open(f"{root}/data/pipe", [root])


def test_safe_open_refuses_a_directory(root):
    with pytest.raises(UnsafePathError, match="not a regular file"):
        safe_open(f"{root}/data", [root])


def _swap_after_resolve(monkeypatch, swap):
    real = paths.resolve_safe_path

    def resolve_then_swap(*args, **kwargs):
        resolved = real(*args, **kwargs)
        swap()
        return resolved

    monkeypatch.setattr(paths, "resolve_safe_path", resolve_then_swap)


def test_directory_swapped_for_symlink_after_check_is_not_followed(root, monkeypatch):
    def swap():
        (root / "data").rename(root / "data.old")
        (root / "data").symlink_to(root.parent / "outside")

    _swap_after_resolve(monkeypatch, swap)
    with pytest.raises(UnsafePathError, match="symlink"):
        paths.safe_open(f"{root}/data/report.txt", [root])


def test_file_swapped_for_symlink_after_check_is_not_followed(root, monkeypatch):
    def swap():
        (root / "data/report.txt").unlink()
        (root / "data/report.txt").symlink_to(root.parent / "outside/report.txt")

    _swap_after_resolve(monkeypatch, swap)
    for mode in ("rb", "w", "a"):
        with pytest.raises(UnsafePathError, match="symlink"):
            paths.safe_open(f"{root}/data/report.txt", [root], mode)
    assert (root.parent / "outside/report.txt").read_text() == "SECRET outside"


@pytest.mark.parametrize("relative", ["", "/etc/passwd", "../outside/report.txt", "data/../.."])
def test_open_beneath_refuses_escaping_relative_paths(root, relative):
    with pytest.raises(UnsafePathError):
        open_beneath(root, relative)


def test_open_beneath_refuses_unknown_modes(root):
    with pytest.raises(ValueError, match="unsupported mode"):
        open_beneath(root, "data/report.txt", "rw")
