"""Baselines accept known findings by the SHA-256 of their value, never the value itself."""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from vigil.secretscan.engine import Finding

BASELINE_VERSION = 1


class BaselineError(ValueError):
    permanent = True


@dataclass
class Baseline:
    fingerprints: set[str] = field(default_factory=set)
    entries: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise BaselineError(f"baseline {path} is not readable JSON: {exc}") from exc
        entries = data.get("findings", []) if isinstance(data, dict) else []
        if not isinstance(entries, list):
            raise BaselineError(f"baseline {path}: `findings` must be a list")
        prints = {e.get("fingerprint") for e in entries if isinstance(e, dict)}
        return cls(fingerprints={p for p in prints if p}, entries=entries)

    def accepts(self, finding: Finding) -> bool:
        return finding.fingerprint in self.fingerprints

    def filter(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if not self.accepts(f)]

    @staticmethod
    def write(path: Path, findings: list[Finding]) -> int:
        entries = {}
        for f in findings:
            entries.setdefault(
                f.fingerprint,
                {"fingerprint": f.fingerprint, "rule": f.rule, "path": f.path, "line": f.line},
            )
        data = {
            "version": BASELINE_VERSION,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "findings": sorted(entries.values(), key=lambda e: (e["path"], e["line"], e["rule"])),
        }
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return len(entries)
