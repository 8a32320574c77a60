"""Similar past incidents by TF-IDF cosine similarity, in pure Python.

Compared over title, labels and resolution note of the most recent resolved incidents
(INTELLIGENCE_SIMILAR_CORPUS of them), so the cost is bounded whatever the history size.
That corpus, read and tokenized, is shared by the analyses of the next
INTELLIGENCE_REUSE_SECONDS in the process: a burst of alerts does not read and tokenize
the same 500 incidents for every run.
"""

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass

from django.conf import settings

from vigil.alerts.models import Incident, IncidentStatus
from vigil.core.config_cache import ConfigCache
from vigil.core.security.redact import redact

_TOKEN = re.compile(r"[a-z0-9]+")
# Words present in nearly every alert say nothing about which incident is alike.
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "was",
        "with",
        "alert",
        "alerts",
        "firing",
        "resolved",
        "warning",
        "critical",
        "info",
        "severity",
        "status",
        "instance",
        "job",
    ]
)


@dataclass
class SimilarIncident:
    id: int
    title: str
    score: float
    resolved_at: str | None
    resolution_note: str

    def to_dict(self) -> dict:
        return asdict(self)


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if len(t) > 1 and t not in _STOP]


def _label_text(labels: object) -> str:
    if not isinstance(labels, dict):
        return ""
    return " ".join(f"{key} {value}" for key, value in labels.items())


def snapshot_text(snapshot: dict) -> str:
    parts = [str(snapshot.get("title") or ""), _label_text(snapshot.get("labels"))]
    for alert in snapshot.get("alerts") or []:
        if isinstance(alert, dict):
            parts += [str(alert.get("name") or ""), _label_text(alert.get("labels"))]
    return " ".join(parts)


def incident_text(incident: Incident) -> str:
    return " ".join([incident.title, _label_text(incident.labels), incident.resolution_note or ""])


def _weights(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    vector = {term: (1 + math.log(n)) * idf.get(term, 0.0) for term, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {term: w / norm for term, w in vector.items()} if norm else {}


def rank(query: str, documents: list[tuple[object, str]]) -> list[tuple[object, float]]:
    """(key, score) for each document, best first; scores are cosine similarities."""
    return _rank(Counter(tokens(query)), [(key, Counter(tokens(text))) for key, text in documents])


def _rank(query_counts: Counter, doc_counts: list[tuple[object, Counter]]):
    if not query_counts or not doc_counts:
        return []
    total = len(doc_counts) + 1
    frequency: Counter = Counter(query_counts.keys())
    for _, counts in doc_counts:
        frequency.update(counts.keys())
    # Smoothed IDF: a term present everywhere still counts a little.
    idf = {term: math.log((1 + total) / (1 + n)) + 1 for term, n in frequency.items()}
    query_vector = _weights(query_counts, idf)
    scored = []
    for key, counts in doc_counts:
        vector = _weights(counts, idf)
        score = sum(w * vector.get(term, 0.0) for term, w in query_vector.items())
        scored.append((key, score))
    return sorted(scored, key=lambda item: item[1], reverse=True)


def similar_incidents(
    snapshot: dict, *, limit: int | None = None, min_score: float | None = None
) -> list[SimilarIncident]:
    limit = settings.INTELLIGENCE_SIMILAR_LIMIT if limit is None else limit
    threshold = settings.INTELLIGENCE_SIMILAR_MIN_SCORE if min_score is None else min_score
    if limit <= 0:
        return []
    size = settings.INTELLIGENCE_SIMILAR_CORPUS
    corpus = _corpus.get(size, settings.INTELLIGENCE_REUSE_SECONDS, lambda: _read_corpus(size))
    # One more than the corpus is read, so that leaving this incident out keeps `size`.
    past = [entry for entry in corpus if entry[0].pk != snapshot.get("id")][:size]
    by_id = {incident.pk: incident for incident, _ in past}
    ranked = _rank(Counter(tokens(snapshot_text(snapshot))), [(i.pk, c) for i, c in past])
    found = []
    for pk, score in ranked[:limit]:
        if score < threshold:
            break
        incident = by_id[pk]
        found.append(
            SimilarIncident(
                id=incident.pk,
                title=incident.title,
                score=round(score, 3),
                resolved_at=incident.resolved_at.isoformat() if incident.resolved_at else None,
                resolution_note=redact(incident.resolution_note or ""),
            )
        )
    return found


# Read at most once per INTELLIGENCE_REUSE_SECONDS per process (each analysis asks).
# Nobody changes the rows: every analysis shares them.
_corpus = ConfigCache("similarity corpus", copies=False)


def _read_corpus(size: int) -> list[tuple[Incident, Counter]]:
    """The most recent resolved incidents, each with its tokens counted."""
    past = (
        Incident.objects.filter(status__in=[IncidentStatus.RESOLVED, IncidentStatus.CLOSED])
        .order_by("-resolved_at", "-opened_at")
        .only("id", "title", "labels", "resolution_note", "resolved_at")[: size + 1]
    )
    return [(incident, Counter(tokens(incident_text(incident)))) for incident in past]
