"""How sure a finding is: `high` for a format only a credential has, `medium` for an
assignment the generic rules matched, `low` for what looks deliberately fake.

A value is low when it sits in a test-fixture directory, when its line names it fake
(`FAKE_`, `DUMMY_`, `EXAMPLE_`, "mock", "test-only", "not a real" — outside the value),
when the comment line just above says so, or when a generic match in documentation
does not look random. Scans report `medium` and above unless told otherwise.
"""

import re

from vigil.secretscan import filetypes, filters

# A word marking a value as made up, in the rest of its line or the comment above it.
# Capitalised or upper-case words also match inside names (FAKE_TOKEN, fakeToken).
FAKE_WORD_RE = re.compile(
    r"(?<![A-Za-z])(?:[Ff]ake|FAKE|[Dd]ummy|DUMMY|[Mm]ock|MOCK|[Ee]xample|EXAMPLE|"
    r"[Ss]ample|SAMPLE|[Pp]laceholder|PLACEHOLDER)(?![a-z])"
    r"|(?i:test[-_ ]?only|not[-_ ](?:a[-_ ])?real|for[-_ ]testing)"
)
COMMENT_RE = re.compile(r"^\s*(?:#|//|--|;|/\*|\*|<!--|rem\s)", re.IGNORECASE)
RANDOM_LENGTH = 12
RANDOM_ENTROPY = 3.5


def assess(base: str, path: str, value: str, rest_of_line: str, previous_line: str) -> str:
    if filetypes.in_fixture_path(path):
        return "low"
    if FAKE_WORD_RE.search(rest_of_line):
        return "low"
    if previous_line and COMMENT_RE.match(previous_line) and FAKE_WORD_RE.search(previous_line):
        return "low"
    if base == "medium" and filetypes.is_doc_path(path) and not looks_random(value):
        return "low"
    return base


def looks_random(value: str) -> bool:
    return len(value) >= RANDOM_LENGTH and filters.shannon_entropy(value) >= RANDOM_ENTROPY
