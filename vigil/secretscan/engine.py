"""The scanner: candidate lines from the keyword prefilter, rule regexes, filters, and
the structured detectors (structured.py) for what one line cannot show.

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

from vigil.secretscan import confidence, filetypes, filters, structured
from vigil.secretscan.patch import patch_context
from vigil.secretscan.rules import Rule, RuleSet

# Inline markers that accept what is on their line: ours and other scanners'.
ALLOW_MARKERS = (
    "vigil:allow",
    "gitleaks:allow",
    "pragma: allowlist secret",
    "trufflehog:ignore",
    "nosec",
)
CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_DEPTH = 2
PEM_MAX_LINES = 120
# Minified and generated lines run to megabytes: past this length only windows around
# the keyword hits are matched, which is where every rule's value sits.
LONG_LINE = 4096
WINDOW_BEFORE = 256
WINDOW_AFTER = 2048
CONTEXT = 200  # characters either side of a value that may mark it fake


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
    member: str = ""  # the file inside the archive at `path`
    column: int = 0  # 1-based; what locates a value in a minified line
    confidence: str = "high"
    kind: str = "token"

    @property
    def fingerprint(self) -> str:
        return "sha256:" + hashlib.sha256(self.value.encode("utf-8")).hexdigest()

    @property
    def preview(self) -> str:
        return redact_value(self.value)

    @property
    def location(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where} (member {self.member})" if self.member else where

    def key(self) -> tuple:
        return (self.fingerprint, self.path, self.member, self.commit)

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
    column: int  # 0-based start of the value in the line


def _patch_line_filter(lowered: str, start: int) -> bool:
    return lowered.startswith("+", start) and not lowered.startswith("+++ ", start)


class Scanner:
    def __init__(self, ruleset: RuleSet, allow_paths=(), min_confidence: str = "low"):
        self.ruleset = ruleset
        self.allow_paths = tuple(filetypes.DEFAULT_ALLOW_PATHS) + tuple(allow_paths)
        self.min_confidence = min_confidence
        self.min_rank = CONFIDENCE_RANK[min_confidence]

    # --- one line -----------------------------------------------------------------------
    def _accept(self, rule: Rule, value: str, match: re.Match, line: str) -> bool:
        if any(p.search(value) for p in rule.allow):
            return False
        if rule.validate == "pem_body":
            return True
        if filters.is_placeholder(value):
            return False
        groups = match.groupdict()
        if groups.get("user") is not None and filters.is_documented_login(groups["user"], value):
            return False
        if rule.entropy and filters.entropy_below(value, rule.entropy):
            return False
        if rule.validate == "github_checksum" and not filters.valid_github_token(value):
            return False
        if rule.validate == "jwt" and not filters.valid_jwt(value):
            return False
        if rule.validate == "basic_auth" and not filters.valid_basic_auth(value):
            return False
        name = _assigned_name(line, match) if groups.get("name") else None
        return not (rule.generic and filters.is_generic_false_positive(value, name))

    def match_line(self, line: str, rules, following=None) -> list[LineHit]:
        lowered = line.lower()
        if any(marker in lowered for marker in ALLOW_MARKERS):
            return []
        hits: list[LineHit] = []
        seen: set[str] = set()
        for rule in rules:
            for match in rule.regex.finditer(line):
                value, column = rule.value_span(match)
                if not value:
                    continue
                if rule.validate == "pem_body":
                    value = structured.pem_body(
                        line, match.end(), following() if following else iter(())
                    )
                    if not value:
                        continue
                if any(value in other or other in value for other in seen):
                    continue  # an earlier (more specific) rule named this value
                if self._accept(rule, value, match, line):
                    seen.add(value)
                    hits.append(LineHit(rule, value, column))
        return hits

    def _match_candidate(self, data: bytes, cand, skip: int, following) -> list[LineHit]:
        start = cand.start + skip
        if cand.end - start <= LONG_LINE:
            line = data[start : cand.end].decode("utf-8", "replace")
            return self.match_line(line, cand.rules, following)
        if any(marker.encode() in data[start : cand.end].lower() for marker in ALLOW_MARKERS):
            return []
        hits: list[LineHit] = []
        for lo, hi in _windows(cand.hits, start, cand.end):
            segment = data[lo:hi].decode("utf-8", "replace")
            for hit in self.match_line(segment, cand.rules):
                # Columns count characters; a multi-byte character before the window
                # would shift them, which minified ASCII bundles do not have.
                moved = LineHit(hit.rule, hit.value, hit.column + lo - start)
                if all(h.value != moved.value for h in hits):
                    hits.append(moved)
        return hits

    def _finding(self, hit: LineHit, path: str, line_no: int, line: str, previous: str):
        finding = Finding(
            hit.rule.id,
            hit.rule.description,
            path,
            line_no,
            hit.value,
            column=hit.column + 1,
            kind=hit.rule.kind,
        )
        # What surrounds the value says whether it is made up; in a minified line only the
        # value's neighbourhood speaks for it (a bundle holds "placeholder" somewhere).
        end = hit.column + len(hit.value)
        around = line[max(0, hit.column - CONTEXT) : hit.column] + " " + line[end : end + CONTEXT]
        finding.confidence = confidence.assess(
            hit.rule.confidence, path, hit.value, around, previous
        )
        return finding

    def _keep(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if CONFIDENCE_RANK[f.confidence] >= self.min_rank]

    # --- a file -------------------------------------------------------------------------
    def scan_bytes(self, data: bytes, path: str, depth: int = 0) -> list[Finding]:
        if filetypes.path_allowed(path, self.allow_paths) or filetypes.is_binary_path(path):
            return []
        if data[:4] == b"PK\x03\x04":
            return self.scan_zip(data, path, depth)
        if len(data) > MAX_FILE_BYTES or b"\0" in data[:8192]:
            return []
        lowered = data.lower().decode("latin-1")
        findings = []
        counted, line_no = 0, 1
        for cand in self.ruleset.candidates(lowered):

            def following(end=cand.end):
                return _lines_after(data, end, prefix="")

            hits = [
                h
                for h in self._match_candidate(data, cand, 0, following)
                if h.rule.applies_to(path)
            ]
            if not hits:
                continue
            line_no += data.count(b"\n", counted, cand.start)
            counted = cand.start
            line = data[cand.start : cand.end].decode("utf-8", "replace")
            previous = _line_before(data, cand.start, prefix="")
            findings.extend(self._finding(h, path, line_no, line, previous) for h in hits)
        return self._keep(self._structured(data, lowered, path, findings))

    def _structured(self, data: bytes, lowered: str, path: str, found: list[Finding]):
        detectors, text, out = self.ruleset.detectors, None, []
        if "key-file" in detectors and not found and structured.is_key_file(path):
            text = data.decode("utf-8", "replace")
            value = structured.key_file_value(text.splitlines())
            if value:
                line_no = text[: text.index(value)].count("\n") + 1
                out.append(self._detected(detectors["key-file"], path, line_no, value))
        if "kubernetes-secret" in detectors and "kind" in lowered and "secret" in lowered:
            text = text if text is not None else data.decode("utf-8", "replace")
            for entry in structured.kubernetes_secret_entries(text):
                # The entry decides, on its decoded value: a line rule saw only base64.
                found[:] = [f for f in found if (f.line, f.value) != (entry.line, entry.value)]
                rule = self._secret_entry_rule(entry)
                if rule:
                    out.append(self._detected(rule, path, entry.line, entry.value))
        return found + out

    def entry_lines(self, data: bytes, path: str) -> set[int]:
        """Lines of a file that are Kubernetes Secret entries, judged by their decoded value."""
        if "kubernetes-secret" not in self.ruleset.detectors or b"kind" not in data:
            return set()
        text = data.decode("utf-8", "replace")
        return {entry.line for entry in structured.kubernetes_secret_entries(text)}

    def _secret_entry_rule(self, entry: structured.SecretEntry) -> Rule | None:
        # What the decoded value is, if a rule recognises it; else the entry's name says.
        decoded = entry.decoded
        for cand in self.ruleset.candidates(decoded.lower()):
            line = decoded[cand.start : cand.end]
            later = decoded[cand.end + 1 :].split("\n")
            for hit in self.match_line(line, cand.rules, lambda later=later: iter(later)):
                return hit.rule
        if entry.by_name and filters.plausible_secret(decoded):
            return self.ruleset.detectors["kubernetes-secret"]
        return None

    def _detected(self, rule: Rule, path: str, line_no: int, value: str) -> Finding:
        finding = Finding(rule.id, rule.description, path, line_no, value, kind=rule.kind)
        finding.confidence = confidence.assess(rule.confidence, path, value, "", "")
        return finding

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
            for finding in self.scan_bytes(content, info.filename, depth + 1):
                # The archive is the file that exists; the member is a property of it.
                finding.member = (
                    f"{finding.path}!{finding.member}" if finding.member else finding.path
                )
                finding.path = path
                if filetypes.in_fixture_path(path):
                    finding.confidence = "low"
                findings.append(finding)
        return self._keep(findings)

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
            if filetypes.path_allowed(context.path, self.allow_paths):
                continue
            hits = [h for h in hits if h.rule.applies_to(context.path)]
            line = data[cand.start + 1 : cand.end].decode("utf-8", "replace")
            previous = _line_before(data, cand.start, prefix="+")
            for hit in hits:
                finding = self._finding(hit, context.path, context.line, line, previous)
                context.stamp(finding)
                findings.append(finding)
        return self._keep(findings)


def _assigned_name(line: str, match: re.Match) -> str:
    # Rules capture a name from its keyword on ("password…"); the identifier may start
    # earlier ("DB_PASSWORD", "hashed_password").
    start = match.start("name")
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "_.-"):
        start -= 1
    return line[start : match.end("name")]


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


def _line_before(data: bytes, start: int, prefix: str) -> str:
    if start <= 0:
        return ""
    begin = data.rfind(b"\n", 0, start - 1) + 1
    line = data[begin : start - 1][:LONG_LINE].decode("utf-8", "replace")
    if prefix:
        return line[len(prefix) :] if line.startswith(prefix) else ""
    return line
