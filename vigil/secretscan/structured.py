"""Secrets that a one-line regex cannot see: a private key's body spread over lines, a
key file holding nothing but the value, the base64 data of a Kubernetes Secret.

Each function takes text and gives (line number, value, …); the scanner decides what
becomes a finding.
"""

import base64
import binascii
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch

from vigil.secretscan import filters

PEM_MIN_BODY = 64
BASE64_LINE_RE = re.compile(r"^[A-Za-z0-9+/=]+$")

# Files whose whole content is the secret (Rails' master.key, `*.key`, `*.secret`).
KEY_FILE_GLOBS = ("master.key", "*.key", "*.secret", "*.secrets", ".secret", "secret.txt")
KEY_FILE_VALUE_RE = re.compile(r"^[A-Za-z0-9+/=_.~:-]{16,512}$")

KIND_SECRET_RE = re.compile(r"""^\s*["']?kind["']?\s*:\s*["']?Secret["']?\s*,?\s*$""", re.M)
DOCUMENT_SPLIT_RE = re.compile(r"^---[^\n]*$", re.M)
BLOCK_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<block>data|stringData):[ \t]*$")
ENTRY_RE = re.compile(
    r"""^(?P<indent>[ \t]+)["']?(?P<key>[\w.-]+)["']?:[ \t]*["']?(?P<value>[^\s"'#]+)["']?[ \t]*(?:#.*)?$"""
)
# Entries of a Secret that hold a credential by their name; others (username, host,
# ca.crt) are scanned with the rules after decoding.
STRONG_SECRET_NAME_RE = re.compile(r"(?i)pass|pwd|secret|token|private")
NOT_SECRET_NAME_RE = re.compile(r"(?i)user|login|host|port|name|email|cert|crt|pub|url|endpoint")
SECRET_NAME_RE = re.compile(r"(?i)key|credential|auth|cookie|session|salt")


def secret_entry_name(key: str) -> bool:
    if STRONG_SECRET_NAME_RE.search(key):
        return True
    return bool(SECRET_NAME_RE.search(key)) and not NOT_SECRET_NAME_RE.search(key)


def is_key_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return any(fnmatch(name, glob) for glob in KEY_FILE_GLOBS)


def key_file_value(lines: Iterable[str]) -> str:
    """The value of a key file: its only non-empty line, when that line is one token."""
    content = [line.strip() for line in lines if line.strip()]
    if len(content) != 1 or not KEY_FILE_VALUE_RE.match(content[0]):
        return ""
    value = content[0]
    if filters.is_placeholder(value) or filters.shannon_entropy(value) < 3.0:
        return ""
    return value


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


@dataclass(frozen=True)
class SecretEntry:
    line: int  # 1-based, in the text given
    key: str
    value: str  # as written in the manifest (base64 under `data:`)
    decoded: str
    by_name: bool  # the entry's name says it holds a credential


def kubernetes_secret_entries(text: str) -> list[SecretEntry]:
    """Entries of every `kind: Secret` document in a YAML text."""
    if not KIND_SECRET_RE.search(text):
        return []
    separators = list(DOCUMENT_SPLIT_RE.finditer(text))
    starts = [0] + [m.end() for m in separators]
    ends = [m.start() for m in separators] + [len(text)]
    entries = []
    for start, end in zip(starts, ends, strict=True):
        document = text[start:end]
        if KIND_SECRET_RE.search(document):
            entries.extend(_document_entries(document, text.count("\n", 0, start)))
    return entries


def _document_entries(document: str, first_line: int) -> list[SecretEntry]:
    entries, block, block_indent = [], "", -1
    for number, line in enumerate(document.split("\n"), start=first_line + 1):
        opened = BLOCK_RE.match(line)
        if opened:
            block, block_indent = opened.group("block"), len(opened.group("indent"))
            continue
        entry = ENTRY_RE.match(line)
        if not block or not entry or len(entry.group("indent")) <= block_indent:
            if line.strip() and not line.startswith(" " * (block_indent + 1)):
                block = ""
            continue
        raw = entry.group("value")
        decoded = _decode(raw) if block == "data" else raw
        if decoded:
            key = entry.group("key")
            entries.append(SecretEntry(number, key, raw, decoded, secret_entry_name(key)))
    return entries


def _decode(value: str) -> str:
    try:
        raw = base64.b64decode(value, validate=True)
        text = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return ""
    return text if text.isprintable() or "\n" in text else ""
