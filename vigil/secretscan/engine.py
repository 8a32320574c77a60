"""The scanner: candidate lines from the keyword prefilter, rule regexes, filters.

Works on bytes so that a patch chunk or a file is lowercased and searched once without
decoding it; only candidate lines are decoded. Offsets stay 1:1 because the prefilter
runs on a latin-1 view of the ASCII-lowercased bytes.
"""

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from vigil.secretscan import filters
from vigil.secretscan.rules import Rule, RuleSet

PRAGMA = "vigil:allow"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_DEPTH = 2
PEM_MAX_LINES = 120
PEM_MIN_BODY = 64
# Minified and generated lines run to megabytes: past this length only windows around
# the keyword hits are matched, which is where every rule's value sits.
LONG_LINE = 4096
WINDOW_BEFORE = 256
WINDOW_AFTER = 2048
BASE64_LINE_RE = re.compile(r"^[A-Za-z0-9+/=]+$")


@dataclass
class Finding:
    rule: str
    description: str
    path: str
    line: int
    value: str = field(repr=False)
    commit: str = ""
    author: str = ""
    email: str = ""
    date: str = ""

    @property
    def fingerprint(self) -> str:
        return "sha256:" + hashlib.sha256(self.value.encode("utf-8")).hexdigest()

    @property
    def preview(self) -> str:
        return redact_value(self.value)

    def key(self) -> tuple:
        return (self.fingerprint, self.path, self.commit)

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["value"]
        data["fingerprint"] = self.fingerprint
        data["preview"] = self.preview
        return data


def redact_value(value: str) -> str:
    # Show at most a fifth of the value (never more than 4 characters) so the preview
    # identifies a token to its owner without giving away what an attacker needs.
    first_line = value.splitlines()[0] if value else ""
    shown = first_line[: min(4, len(value) // 5)]
    return f"{shown}{'*' * 8} ({len(value)} chars)"


@dataclass(frozen=True)
class LineHit:
    rule: Rule
    value: str


def _patch_line_filter(lowered: str, start: int) -> bool:
    return lowered.startswith("+", start) and not lowered.startswith("+++ ", start)


class Scanner:
    def __init__(self, ruleset: RuleSet, allow_paths=()):
        self.ruleset = ruleset
        self.allow_paths = tuple(filters.DEFAULT_ALLOW_PATHS) + tuple(allow_paths)

    # --- one line -----------------------------------------------------------------------
    def _accept(self, rule: Rule, value: str) -> bool:
        if any(p.search(value) for p in rule.allow):
            return False
        if rule.validate == "pem_body":
            return True
        if filters.is_placeholder(value):
            return False
        if rule.entropy and filters.shannon_entropy(value) < rule.entropy:
            return False
        if rule.validate == "github_checksum" and not filters.valid_github_token(value):
            return False
        if rule.validate == "jwt" and not filters.valid_jwt(value):
            return False
        return not (rule.generic and filters.is_generic_false_positive(value))

    def match_line(self, line: str, rules, following=None) -> list[LineHit]:
        if PRAGMA in line:
            return []
        hits: list[LineHit] = []
        seen: set[str] = set()
        for rule in rules:
            for match in rule.regex.finditer(line):
                value = match.group(1) if rule.regex.groups else match.group(0)
                if not value:
                    continue
                if rule.validate == "pem_body":
                    value = pem_body(line, match.end(), following() if following else iter(()))
                    if not value:
                        continue
                if value in seen or any(value in other for other in seen):
                    continue
                if self._accept(rule, value):
                    seen.add(value)
                    hits.append(LineHit(rule, value))
        return hits

    def _match_candidate(self, data: bytes, cand, skip: int, following) -> list[LineHit]:
        start = cand.start + skip
        if cand.end - start <= LONG_LINE:
            line = data[start : cand.end].decode("utf-8", "replace")
            return self.match_line(line, cand.rules, following)
        hits: list[LineHit] = []
        for lo, hi in _windows(cand.hits, start, cand.end):
            segment = data[lo:hi].decode("utf-8", "replace")
            hits.extend(h for h in self.match_line(segment, cand.rules) if h not in hits)
        return hits

    # --- a file -------------------------------------------------------------------------
    def scan_bytes(self, data: bytes, path: str, depth: int = 0) -> list[Finding]:
        if filters.path_allowed(path, self.allow_paths) or filters.is_binary_path(path):
            return []
        if data[:4] == b"PK\x03\x04":
            return self.scan_zip(data, path, depth)
        if len(data) > MAX_FILE_BYTES or b"\0" in data[:8192]:
            return []
        lowered = data.lower().decode("latin-1")
        findings = []
        for cand in self.ruleset.candidates(lowered):

            def following(end=cand.end):
                return _lines_after(data, end, prefix="")

            for hit in self._match_candidate(data, cand, 0, following):
                lineno = data.count(b"\n", 0, cand.start) + 1
                findings.append(Finding(hit.rule.id, hit.rule.description, path, lineno, hit.value))
        return findings

    def scan_zip(self, data: bytes, path: str, depth: int) -> list[Finding]:
        if depth >= MAX_ZIP_DEPTH:
            return []
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = archive.infolist()[:MAX_ZIP_MEMBERS]
        except (zipfile.BadZipFile, OSError, ValueError):
            return []
        findings = []
        for info in members:
            if info.is_dir() or info.file_size > MAX_FILE_BYTES:
                continue
            try:
                content = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
                continue  # encrypted or corrupt member
            findings.extend(self.scan_bytes(content, f"{path}!{info.filename}", depth + 1))
        return findings

    # --- a patch (git log -p / git diff output) ---------------------------------------------
    def scan_patch(self, data: bytes) -> list[Finding]:
        lowered = data.lower().decode("latin-1")
        findings = []
        for cand in self.ruleset.candidates(lowered, _patch_line_filter):

            def following(end=cand.end):
                return _lines_after(data, end, prefix="+")

            hits = self._match_candidate(data, cand, 1, following)
            if not hits:
                continue
            context = patch_context(data, cand.start)
            if filters.path_allowed(context.path, self.allow_paths):
                continue
            for hit in hits:
                findings.append(
                    Finding(
                        hit.rule.id,
                        hit.rule.description,
                        context.path,
                        context.line,
                        hit.value,
                        commit=context.commit,
                        author=context.author,
                        email=context.email,
                        date=context.date,
                    )
                )
        return findings


def _windows(hits, start: int, end: int) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for pos in hits:
        lo, hi = max(start, pos - WINDOW_BEFORE), min(end, pos + WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def _lines_after(data: bytes, end: int, prefix: str) -> Iterator[str]:
    pos = end + 1
    for _ in range(PEM_MAX_LINES):
        if pos >= len(data):
            return
        nxt = data.find(b"\n", pos)
        if nxt < 0:
            nxt = len(data)
        line = data[pos:nxt].decode("utf-8", "replace")
        if prefix:
            if not line.startswith(prefix):
                return
            line = line[len(prefix) :]
        yield line
        pos = nxt + 1


def pem_body(line: str, header_end: int, following: Iterator[str]) -> str:
    """The base64 body after a private-key header, on later lines or in `\\n` escapes."""
    rest = line[header_end:]
    if "\\n" in rest:  # a key inside a JSON/YAML string
        parts = rest.split("\\n")
    else:
        parts = []
        for nxt in following:
            parts.append(nxt)
            if "-----END" in nxt or nxt.startswith("Private-MAC:"):
                break
    body = []
    for part in parts:
        part = part.strip().strip("\"',")
        if "-----END" in part or part.startswith("Private-MAC:"):
            break
        if not part or ":" in part:  # PEM headers (Proc-Type:, Comment:, Private-Lines:)
            continue
        if not BASE64_LINE_RE.match(part):
            break  # the block ended without an END line: what follows is not key data
        body.append(part)
    joined = "\n".join(body)
    compact = joined.replace("\n", "")
    if len(compact) < PEM_MIN_BODY or filters.is_placeholder(compact) or "..." in compact:
        return ""
    return joined


# `git log -p` prints no content for binary files; archives among them are read from the
# object store by the caller (see sources.scan_history) using the new blob id.
BINARY_DIFF_RE = re.compile(
    rb"\nindex [0-9a-f]+\.\.([0-9a-f]+)[^\n]*\nBinary files \S+ and b/([^\n]+) differ\n"
)


@dataclass(frozen=True)
class ArchiveRef:
    blob: str
    path: str
    context: "PatchContext"


def patch_archives(data: bytes) -> list[ArchiveRef]:
    if b"Binary files" not in data:
        return []
    refs = []
    for match in BINARY_DIFF_RE.finditer(data):
        path = unquote_git_path("b/" + match.group(2).decode("utf-8", "replace"))
        if filters.is_zip_path(path):
            ctx = patch_context(data, match.start() + 1)
            ctx.path = path
            refs.append(ArchiveRef(match.group(1).decode(), path, ctx))
    return refs


@dataclass
class PatchContext:
    path: str = ""
    line: int = 0
    commit: str = ""
    author: str = ""
    email: str = ""
    date: str = ""


COMMIT_PREFIX = b"commit "
FIELD_SEP = "\x1f"


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
