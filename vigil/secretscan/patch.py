"""Reading `git log -p` / `git diff` output: where an added line sits (commit, author,
file, line number), archives among binary files, and the blobs that hold the context a
`-U0` hunk leaves out.

Nothing here walks a patch line by line: the scanner finds the few interesting
offsets first, and only those are placed in their commit, file and hunk.
"""

import re
from dataclasses import dataclass, field

from vigil.secretscan import filetypes

COMMIT_PREFIX = b"commit "
FIELD_SEP = "\x1f"
DIFF_PREFIX = b"diff --git "

# `git log -p` prints no content for binary files; archives among them are read from the
# object store by the caller (sources.scan_history) using the new blob id.
BINARY_DIFF_RE = re.compile(
    rb"\nindex [0-9a-f]+\.\.([0-9a-f]+)[^\n]*\nBinary files \S+ and b/([^\n]+) differ\n"
)
INDEX_RE = re.compile(rb"^index [0-9a-f]+\.\.([0-9a-f]+)", re.MULTILINE)
# A hunk that changes the body of a private key without its BEGIN line, or the data of a
# Kubernetes Secret without its `kind:` line: the secret is only whole in the new blob.
KEY_BODY_LINE_RE = re.compile(rb"\n\+[A-Za-z0-9+/]{40,}={0,2}\n")
YAML_DATA_LINE_RE = re.compile(rb"\n\+[ \t]+[\w.-]+:[ \t]+[A-Za-z0-9+/]{12,}={0,2}[ \t]*\n")
NEW_FILE_RE = re.compile(rb"\n\+\+\+ b/([^\n]+)\n")


@dataclass
class PatchContext:
    path: str = ""
    line: int = 0
    commit: str = ""
    author: str = ""
    email: str = ""
    date: str = ""

    def stamp(self, finding) -> None:
        finding.commit, finding.author = self.commit, self.author
        finding.email, finding.date = self.email, self.date


@dataclass(frozen=True)
class BlobRef:
    """A file version to read whole from the object store: an archive, or a file whose
    hunk lacks the context of a multi-line secret (`lines`: the ones the commit added)."""

    blob: str
    path: str
    context: PatchContext = field(compare=False)
    lines: frozenset[int] = frozenset()


def _line_at(data: bytes, start: int) -> bytes:
    end = data.find(b"\n", start)
    return data[start : end if end >= 0 else len(data)]


def _rfind_line(data: bytes, marker: bytes, before: int, floor: int = -1) -> int:
    idx = data.rfind(b"\n" + marker, 0, before)
    if idx >= 0 and idx >= floor:
        return idx + 1
    if floor <= 0 and data.startswith(marker):
        return 0
    return -1


def unquote_git_path(raw: str) -> str:
    # Git ends an unquoted name that contains a space with a tab in ---/+++ lines.
    raw = raw.removesuffix("\t")
    if raw.startswith('"') and raw.endswith('"'):
        raw = raw[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        raw = raw.encode("latin-1", "replace").decode("utf-8", "replace")
    return raw[2:] if raw.startswith(("a/", "b/")) else raw


def patch_context(data: bytes, line_start: int) -> PatchContext:
    ctx = PatchContext()
    commit_at = _rfind_line(data, COMMIT_PREFIX, line_start)
    if commit_at >= 0:
        fields = _line_at(data, commit_at)[len(COMMIT_PREFIX) :].decode("utf-8", "replace")
        parts = fields.split(FIELD_SEP)
        parts += [""] * (4 - len(parts))
        ctx.commit, ctx.author, ctx.email, ctx.date = parts[:4]
    file_at = _rfind_line(data, b"+++ ", line_start, max(commit_at, 0))
    if file_at >= 0:
        ctx.path = unquote_git_path(_line_at(data, file_at)[4:].decode("utf-8", "replace"))
    hunk_at = _rfind_line(data, b"@@ ", line_start, max(file_at, 0))
    if hunk_at >= 0:
        header = _line_at(data, hunk_at).decode("latin-1")
        try:
            new_start = int(header.split("+", 1)[1].split(" ", 1)[0].split(",")[0])
        except (IndexError, ValueError):
            new_start = 0
        body_start = data.find(b"\n", hunk_at) + 1
        lines = data[body_start:line_start].split(b"\n")[:-1] if line_start > body_start else []
        ctx.line = new_start + sum(1 for ln in lines if not ln.startswith((b"-", b"\\")))
    return ctx


def patch_archives(data: bytes) -> list[BlobRef]:
    if b"Binary files" not in data:
        return []
    refs = []
    for match in BINARY_DIFF_RE.finditer(data):
        path = unquote_git_path("b/" + match.group(2).decode("utf-8", "replace"))
        if filetypes.is_zip_path(path):
            ctx = patch_context(data, match.start() + 1)
            ctx.path = path
            refs.append(BlobRef(match.group(1).decode(), path, ctx))
    return refs


@dataclass(frozen=True)
class Section:
    """One file's part of a commit's patch: `start`..`end` are offsets in the chunk."""

    start: int
    end: int
    path: str
    blob: str

    def added(self, data: bytes) -> list[tuple[int, str]]:
        """(new line number, text) of every line this commit added to the file."""
        out = []
        for hunk in re.finditer(
            rb"^@@ [^\n]*\+(\d+)(?:,\d+)? @@[^\n]*\n", data[self.start : self.end], re.M
        ):
            number = int(hunk.group(1))
            pos = self.start + hunk.end()
            while pos < self.end:
                nxt = data.find(b"\n", pos, self.end)
                nxt = self.end if nxt < 0 else nxt
                line = data[pos:nxt]
                if line.startswith(b"+"):
                    out.append((number, line[1:].decode("utf-8", "replace")))
                    number += 1
                elif not line.startswith((b"-", b"\\")):
                    break  # the next hunk header or the end of the section
                pos = nxt + 1
        return out


def section_at(data: bytes, offset: int) -> Section | None:
    start = _rfind_line(data, DIFF_PREFIX, offset)
    if start < 0:
        return None
    following = [data.find(b"\n" + DIFF_PREFIX, offset), data.find(b"\n" + COMMIT_PREFIX, offset)]
    end = min([f + 1 for f in following if f >= 0] or [len(data)])
    header_end = data.find(b"\n@@ ", start, end)
    header = data[start : header_end + 1 if header_end >= 0 else end]
    new_file = NEW_FILE_RE.search(header)
    if not new_file:
        return None
    index = INDEX_RE.search(header)
    path = unquote_git_path(new_file.group(1).decode("utf-8", "replace"))
    return Section(start, end, path, index.group(1).decode() if index else "")


def sections_matching(data: bytes, pattern: re.Pattern) -> list[Section]:
    found: dict[int, Section] = {}
    for match in pattern.finditer(data):
        section = section_at(data, match.start() + 1)
        if section is not None:
            found.setdefault(section.start, section)
    return list(found.values())


YAML_HEADER_RE = re.compile(rb"\n\+\+\+ b/[^\n]*\.ya?ml\n")
KIND_SECRET_LINE_RE = re.compile(rb"\n\+[ \t]*[\"']?kind[\"']?[ \t]*:[ \t]*[\"']?Secret\b")
KEY_FILE_HEADER_RE = re.compile(
    rb"\n\+\+\+ b/(?:[^\n]*/)?(?:master\.key|[^\n/]*\.(?:key|secrets?)|\.secret|secret\.txt)\n"
)
KEY_HEADER_WORDS = ("PRIVATE KEY", "PuTTY-User-Key-File")


def context_refs(data: bytes) -> list[BlobRef]:
    """Files whose secret a `-U0` hunk shows only in part: their new blob is read whole
    and only findings that touch the added lines are kept."""
    refs = []
    for section in sections_matching(data, KEY_BODY_LINE_RE):
        added = section.added(data)
        if not any(word in text for _, text in added for word in KEY_HEADER_WORDS):
            refs.append(_ref(data, section, added))
    # Only YAML files can hold a Secret manifest: find their sections first (the header
    # line is a cheap literal to search for), then look inside those alone.
    for section in sections_matching(data, YAML_HEADER_RE):
        body = data[section.start : section.end]
        if KIND_SECRET_LINE_RE.search(body) or YAML_DATA_LINE_RE.search(body):
            refs.append(_ref(data, section, section.added(data)))
    for section in sections_matching(data, KEY_FILE_HEADER_RE):
        refs.append(_ref(data, section, section.added(data)))
    unique = {(ref.blob, ref.context.commit): ref for ref in refs if ref.blob.strip("0")}
    return list(unique.values())


def _ref(data: bytes, section: Section, added: list[tuple[int, str]]) -> BlobRef:
    ctx = patch_context(data, section.start)
    ctx.path = section.path
    return BlobRef(section.blob, section.path, ctx, frozenset(n for n, _ in added))


def touches(finding, lines: frozenset[int]) -> bool:
    """Does a finding from a whole blob overlap the lines its commit added?"""
    last = finding.line + finding.value.count("\n") + 1
    return any(finding.line <= n <= last for n in lines)
