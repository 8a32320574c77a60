"""Rules are data: `rules.toml` beside this module, extended by user files of the same shape.

The keyword prefilter is one Aho-Corasick automaton over the lowercase keywords of every
rule, run once over a whole blob or patch chunk; a rule's regex only ever sees the lines
where one of its keywords occurs.
"""

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import cached_property
from pathlib import Path

import ahocorasick

BUILTIN_RULES = Path(__file__).with_name("rules.toml")
VALIDATORS = ("", "github_checksum", "jwt", "pem_body", "basic_auth")
# Detectors for what a line regex cannot see (structured.py); their rules have no regex.
DETECTORS = ("key-file", "kubernetes-secret")
NEVER = re.compile(r"(?!)")
CONFIDENCES = ("high", "medium", "low")


class RulesError(ValueError):
    permanent = True


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    regex: re.Pattern
    keywords: tuple[str, ...]
    entropy: float = 0.0
    validate: str = ""
    generic: bool = False
    allow: tuple[re.Pattern, ...] = ()
    # What kind of credential it is: picks the rotation checklist (runbooks.py).
    kind: str = "token"
    confidence: str = "high"
    detector: str = ""
    # fnmatch globs: the rule applies only to these files (e.g. .netrc); empty: all.
    paths: tuple[str, ...] = ()

    def applies_to(self, path: str) -> bool:
        return not self.paths or any(fnmatch(path, glob) for glob in self.paths)

    @cached_property
    def value_groups(self) -> tuple[str | int, ...]:
        # `value`, `value2`… (alternatives of one rule), else group 1, else the match.
        named = sorted(g for g in self.regex.groupindex if g.startswith("value"))
        if named:
            return tuple(named)
        return (1,) if self.regex.groups else (0,)

    def value_span(self, match: re.Match) -> tuple[str, int]:
        """The secret in a match and where it starts in the line."""
        for group in self.value_groups:
            value = match.group(group)
            if value:
                return value, match.start(group)
        return "", -1


@dataclass(frozen=True)
class Candidate:
    start: int  # offset of the line in the scanned text
    end: int
    rules: tuple[Rule, ...]
    hits: tuple[int, ...] = ()  # offsets where a keyword ends


def _rule_from_table(table: dict, source: str) -> Rule:
    detector = str(table.get("detector", ""))
    if detector and detector not in DETECTORS:
        raise RulesError(
            f"{source}: rule {table.get('id')!r} has detector={detector!r}; "
            f"valid: {', '.join(DETECTORS)}"
        )
    try:
        rule_id = str(table["id"])
        pattern = table["regex"] if not detector else NEVER.pattern
        keywords = tuple(str(k).lower() for k in table["keywords"]) if not detector else ()
    except KeyError as exc:
        raise RulesError(
            f"{source}: a rule lacks {exc.args[0]!r} (needs id, regex, keywords)"
        ) from exc
    if not detector and (not keywords or any(not k for k in keywords)):
        raise RulesError(f"{source}: rule {rule_id!r} needs at least one non-empty keyword")
    validate = str(table.get("validate", ""))
    generic = bool(table.get("generic", False))
    confidence = str(table.get("confidence", "medium" if generic else "high"))
    if confidence not in CONFIDENCES:
        raise RulesError(
            f"{source}: rule {rule_id!r} has confidence={confidence!r}; "
            f"valid: {', '.join(CONFIDENCES)}"
        )
    if validate not in VALIDATORS:
        raise RulesError(
            f"{source}: rule {rule_id!r} has validate={validate!r}; "
            f"valid: {', '.join(v for v in VALIDATORS if v)}"
        )
    try:
        regex = re.compile(pattern)
        allow = tuple(re.compile(p) for p in table.get("allow", ()))
    except re.error as exc:
        raise RulesError(f"{source}: rule {rule_id!r} has an invalid regex: {exc}") from exc
    return Rule(
        id=rule_id,
        description=str(table.get("description", rule_id)),
        regex=regex,
        keywords=keywords,
        entropy=float(table.get("entropy", 0.0)),
        validate=validate,
        generic=generic,
        allow=allow,
        kind=str(table.get("kind", "token")),
        confidence=confidence,
        detector=detector,
        paths=tuple(str(p) for p in table.get("paths", ())),
    )


def load_rule_tables(path: Path) -> list[dict]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise RulesError(f"cannot read rules file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"rules file {path} is not valid TOML: {exc}") from exc
    tables = data.get("rules", [])
    if not isinstance(tables, list):
        raise RulesError(f"rules file {path}: `rules` must be an array of tables ([[rules]])")
    return tables


@dataclass
class RuleSet:
    rules: list[Rule]
    sources: tuple[str, ...] = field(default=())

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> "RuleSet":
        by_id: dict[str, Rule] = {}
        sources = [str(BUILTIN_RULES), *(str(p) for p in extra_files)]
        for source in sources:
            for table in load_rule_tables(Path(source)):
                rule = _rule_from_table(table, source)
                by_id[rule.id] = rule  # a user rule with a built-in id replaces it
        return cls(rules=list(by_id.values()), sources=tuple(sources))

    @cached_property
    def _automaton(self):
        # Each keyword maps to every rule whose keyword it contains, so the longest match
        # at a position ("secret_key") still triggers the shorter keyword's rules ("secret").
        keywords = {k for rule in self.rules for k in rule.keywords}
        automaton = ahocorasick.Automaton()
        for kw in keywords:
            triggered = tuple(r for r in self.rules if any(k in kw for k in r.keywords))
            automaton.add_word(kw, triggered)
        automaton.make_automaton()
        return automaton

    def candidates(self, lowered: str, line_filter=None) -> Iterator[Candidate]:
        """Lines of `lowered` (ASCII-lowercased text) holding at least one keyword."""
        start = end = -1
        rules: dict[str, Rule] = {}
        hits: list[int] = []
        for end_index, triggered in self._automaton.iter(lowered):
            if end_index >= end:
                if rules:
                    yield Candidate(start, end, self._ordered(rules), tuple(hits))
                rules, hits = {}, []
                start = lowered.rfind("\n", 0, end_index) + 1
                end = lowered.find("\n", end_index)
                if end < 0:
                    end = len(lowered)
                if line_filter is not None and not line_filter(lowered, start):
                    continue
            elif not rules:
                continue  # a line the filter refused
            hits.append(end_index)
            for rule in triggered:
                rules[rule.id] = rule
        if rules:
            yield Candidate(start, end, self._ordered(rules), tuple(hits))

    def _ordered(self, rules: dict[str, Rule]) -> tuple[Rule, ...]:
        # File order: specific formats first, generic assignments last, so the specific
        # rule names a value that both would match.
        return tuple(sorted(rules.values(), key=self._order.__getitem__))

    @cached_property
    def detectors(self) -> dict[str, Rule]:
        return {rule.detector: rule for rule in self.rules if rule.detector}

    def by_id(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    @cached_property
    def _order(self) -> dict[Rule, int]:
        return {rule: i for i, rule in enumerate(self.rules)}
