"""The one guard for user-supplied filesystem paths and file names.

`resolve_safe_path` answers "may the server touch this path?"; `safe_open` opens it
without trusting that the answer still holds (a directory swapped for a symlink after
the check cannot redirect the open).
"""

import errno
import os
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import IO

from vigil.core.security import DEFAULT_ALLOWED_ROOTS, setting

MAX_PATH_LENGTH = 4096
MAX_NAME_BYTES = 255
CREATE_MODE = 0o600

# Characters no legitimate path or name needs; they end up in logs and shell commands.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}

_OPEN_FLAGS = {
    "r": os.O_RDONLY,
    "w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
    "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND,
    "x": os.O_WRONLY | os.O_CREAT | os.O_EXCL,
}


class UnsafePathError(ValueError):
    def __init__(self, reason: str, value: object):
        self.reason = reason
        self.value = value
        super().__init__(f"{reason}: {quote(value)}")


def quote(value: object, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def resolve_roots(roots: Iterable[str | os.PathLike] | None = None) -> list[PurePosixPath]:
    if roots is None:
        roots = setting("ALLOWED_FILESYSTEM_ROOTS", DEFAULT_ALLOWED_ROOTS)
    if isinstance(roots, (str, os.PathLike)):
        roots = [roots]
    resolved = []
    for root in roots:
        text = os.fspath(root)
        if not isinstance(text, str) or not os.path.isabs(text):
            raise UnsafePathError("an allowed root must be an absolute path", root)
        real = PurePosixPath(os.path.realpath(text))
        # "/" (or a root that is a symlink to it) would allow everything: never a root.
        if real != PurePosixPath("/") and real not in resolved:
            resolved.append(real)
    return resolved


def _check_text(value: object, what: str, max_length: int) -> str:
    if not isinstance(value, str):
        raise UnsafePathError(f"{what} must be a string, not {type(value).__name__}", value)
    if not value:
        raise UnsafePathError(f"{what} is empty", value)
    if len(value) > max_length:
        raise UnsafePathError(f"{what} is longer than {max_length} characters", value)
    if "\x00" in value:
        raise UnsafePathError(f"{what} contains a NUL byte", value)
    if any(unicodedata.category(char) in _FORBIDDEN_CATEGORIES for char in value):
        raise UnsafePathError(f"{what} contains a control or invisible character", value)
    return value


def resolve_safe_path(
    user_input: object, allowed_roots: Iterable[str | os.PathLike] | None = None
) -> Path:
    text = _check_text(user_input, "path", MAX_PATH_LENGTH)
    if not text.startswith("/"):
        raise UnsafePathError("path must be absolute", user_input)
    if ".." in text.split("/"):
        raise UnsafePathError("path must not contain '..'", user_input)
    roots = resolve_roots(allowed_roots)
    if not roots:
        raise UnsafePathError("no allowed root is configured (ALLOWED_FILESYSTEM_ROOTS)", text)
    try:
        real = PurePosixPath(os.path.realpath(text))
    except (OSError, ValueError) as exc:
        raise UnsafePathError(f"path cannot be resolved ({exc.__class__.__name__})", text) from None
    if _root_of(real, roots) is None:
        listed = ", ".join(str(root) for root in roots)
        raise UnsafePathError(
            f"path resolves to {quote(str(real))}, outside the allowed roots ({listed})", text
        )
    return Path(real)


def _root_of(path: PurePosixPath, roots: list[PurePosixPath]) -> PurePosixPath | None:
    # is_relative_to compares whole components: /tmpfoo is not under /tmp.
    matches = [root for root in roots if path.is_relative_to(root)]
    return max(matches, key=lambda root: len(root.parts)) if matches else None


def resolve_safe_name(name: object) -> str:
    text = _check_text(name, "file name", MAX_NAME_BYTES)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise UnsafePathError("file name is not valid Unicode", name) from None
    if size > MAX_NAME_BYTES:
        raise UnsafePathError(f"file name is longer than {MAX_NAME_BYTES} bytes", name)
    # NFKC folds look-alikes ("／", "．．", "＼") into the characters a later
    # normalisation step (or another system) would treat as separators.
    for form in {text, unicodedata.normalize("NFKC", text)}:
        if "/" in form or "\\" in form:
            raise UnsafePathError("file name must not contain a path separator", name)
        if form.startswith("."):
            raise UnsafePathError("file name must not start with '.'", name)
    if text != text.strip():
        raise UnsafePathError("file name must not start or end with whitespace", name)
    return text


def _parse_mode(mode: str) -> int:
    kind = mode.replace("b", "").replace("t", "")
    if len(kind) not in (1, 2) or kind[0] not in _OPEN_FLAGS or kind[1:] not in ("", "+"):
        raise ValueError(f"unsupported mode {mode!r}")
    flags = _OPEN_FLAGS[kind[0]]
    if kind.endswith("+"):
        flags = (flags & ~(os.O_WRONLY | os.O_RDONLY)) | os.O_RDWR
    return flags


def open_beneath(root: str | os.PathLike, relative: str, mode: str = "rb") -> int:
    """Open `relative` inside `root`, never following a symlink; return the fd."""
    parts = PurePosixPath(relative).parts
    if not parts or parts[0] == "/" or ".." in parts:
        raise UnsafePathError("path must be relative to the root, without '..'", relative)
    base = os.O_CLOEXEC | os.O_NOFOLLOW
    # O_NONBLOCK so that opening a FIFO planted by an attacker cannot hang the worker;
    # the fstat below rejects anything but a regular file.
    flags = _parse_mode(mode) | base | os.O_NONBLOCK
    dir_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | base)
    try:
        for part in parts[:-1]:
            try:
                next_fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | base, dir_fd=dir_fd)
            except OSError as exc:
                raise _link_error(exc, root, relative) from None
            os.close(dir_fd)
            dir_fd = next_fd
        try:
            fd = os.open(parts[-1], flags, CREATE_MODE, dir_fd=dir_fd)
        except OSError as exc:
            raise _link_error(exc, root, relative) from None
    finally:
        os.close(dir_fd)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnsafePathError("not a regular file", os.path.join(root, relative))
    os.set_blocking(fd, True)
    return fd


def _link_error(exc: OSError, root: object, relative: str) -> Exception:
    full = os.path.join(os.fspath(root), relative)
    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        return UnsafePathError("a component of the path is a symlink or not a directory", full)
    return exc


def safe_open(
    path: object,
    allowed_roots: Iterable[str | os.PathLike] | None = None,
    mode: str = "rb",
    *,
    encoding: str | None = None,
) -> IO:
    real = resolve_safe_path(path, allowed_roots)
    root = _root_of(PurePosixPath(real), resolve_roots(allowed_roots))
    fd = open_beneath(root, str(PurePosixPath(real).relative_to(root)), mode)
    try:
        _check_same_file(fd, real)
        return os.fdopen(fd, mode, encoding=None if "b" in mode else (encoding or "utf-8"))
    except BaseException:
        os.close(fd)
        raise


def _check_same_file(fd: int, real: Path) -> None:
    # The walk from the root already refused symlinks; this also catches a directory
    # renamed away between two steps of the walk.
    opened = os.fstat(fd)
    try:
        named = os.lstat(real)
    except OSError:
        named = None
    if named is None or (named.st_dev, named.st_ino) != (opened.st_dev, opened.st_ino):
        raise UnsafePathError("the file changed while it was being opened", str(real))
