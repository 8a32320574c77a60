"""What every intelligence provider shares: the answer schema, prompts, parsing, errors.

A provider file holds only what is specific to its API: how to construct the SDK client
and how to read text and token counts out of its answer. Prompt building (after
redaction), parsing the answer into `Recommendation`s, URL validation and the safe HTTP
client live here, once.
"""

import importlib.util
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vigil.core.retry import classify_answer
from vigil.core.security.http import OutboundHTTPError, safe_client
from vigil.core.security.redact import redact
from vigil.core.security.urls import UnsafeURLError, validate_safe_url
from vigil.intelligence.errors import IntelligenceError

Priority = Literal["critical", "high", "medium", "low"]


class UnparseableAnswer(IntelligenceError):
    permanent = True


class NotFound(IntelligenceError):
    """The incident or configured provider asked for does not exist."""

    permanent = True


class Recommendation(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=200)
    detail: str = Field(default="", max_length=4000)
    priority: Priority = "medium"
    # Shown to a human to run by hand; Vigil never executes them.
    commands: list[str] = Field(default_factory=list, max_length=10)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)


class Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    summary: str = Field(default="", max_length=2000)
    recommendations: list[Recommendation] = Field(default_factory=list, max_length=20)


@dataclass
class AnalysisContext:
    """What a provider sees: already redacted, plus the local provider's findings."""

    snapshot: dict
    check_results: list[dict]
    scope: Literal["incident", "system"] = "incident"
    local_findings: list[Recommendation] = field(default_factory=list)

    @classmethod
    def build(
        cls, snapshot: dict, check_results: list[dict], scope: str = "incident"
    ) -> "AnalysisContext":
        return cls(redact(dict(snapshot)), redact(list(check_results)), scope)  # type: ignore[arg-type]


@dataclass
class ProviderResult:
    summary: str
    recommendations: list[Recommendation]
    model: str = ""
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    # How the machine's figures behind the findings were taken (the local provider):
    # [{"what", "measured_at", "age_seconds", "reused"}].
    measurements: list[dict] = field(default_factory=list)


@dataclass
class Completion:
    text: str
    model: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


class ProviderConfig(BaseModel):
    """Config every provider accepts; providers extend it. Unknown keys are refused."""

    model_config = ConfigDict(extra="forbid")
    # Field names whose values are credentials: masked in admin, API and logs.
    secret_fields: ClassVar[tuple[str, ...]] = ()
    # Fields an API caller may set for one analysis (vigil.core.overrides): never a
    # secret, a URL, a host, a path, a command or a template.
    overridable: ClassVar[frozenset[str]] = frozenset()


class Provider:
    slug: ClassVar[str]
    label: ClassVar[str]
    # The module the SDK provides and the pip requirement that installs it.
    sdk_module: ClassVar[str | None] = None
    pip_install: ClassVar[str | None] = None
    Config: ClassVar[type[ProviderConfig]] = ProviderConfig

    def __init__(self, config: dict | None = None, *, timeout: float | None = None):
        try:
            self.config = self.Config.model_validate(config or {})
        except ValidationError as exc:
            raise IntelligenceError(
                f"invalid {self.slug} provider config: {describe_validation(exc)}", permanent=True
            ) from None
        self.timeout = timeout or settings.INTELLIGENCE_PROVIDER_TIMEOUT

    def deadline(self) -> float:
        """Seconds the whole analysis may take, retries included."""
        retries = getattr(self.config, "max_retries", 0) or 0
        return self.timeout * (1 + retries) + 0.5

    @classmethod
    def sdk_installed(cls) -> bool:
        if cls.sdk_module is None:
            return True
        try:
            return importlib.util.find_spec(cls.sdk_module) is not None
        except ModuleNotFoundError:  # a dotted name whose parent package is missing
            return False

    @property
    def model_name(self) -> str:
        return getattr(self.config, "model", "") or ""

    def analyze(self, context: AnalysisContext) -> ProviderResult:
        raise NotImplementedError


class LLMConfig(ProviderConfig):
    secret_fields: ClassVar[tuple[str, ...]] = ("api_key",)
    overridable: ClassVar[frozenset[str]] = frozenset(
        {"model", "temperature", "max_tokens", "max_retries"}
    )

    model: str = Field(min_length=1, max_length=200)
    api_key: str = ""
    base_url: str = ""
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    max_tokens: int = Field(default=1500, ge=64, le=32_000)
    max_retries: int = Field(default=0, ge=0, le=3)


class LLMProvider(Provider):
    """A provider that sends a prompt to a language model and parses its JSON answer."""

    Config: ClassVar[type[ProviderConfig]] = LLMConfig
    default_base_url: ClassVar[str] = ""

    def analyze(self, context: AnalysisContext) -> ProviderResult:
        if not self.sdk_installed():
            raise IntelligenceError(
                f"the {self.slug} provider needs its SDK: {self.pip_install}", permanent=True
            )
        system, user = build_prompt(context)
        try:
            completion = self.complete(system, user)
        except OutboundHTTPError as exc:
            # Raised by our transport inside the SDK call; some SDKs let it through.
            raise IntelligenceError(f"{self.slug}: {exc}", permanent=exc.permanent) from None
        answer = parse_answer(completion.text)
        return ProviderResult(
            answer.summary,
            answer.recommendations,
            completion.model or self.model_name,
            completion.prompt_tokens,
            completion.completion_tokens,
        )

    def complete(self, system: str, user: str) -> Completion:
        raise NotImplementedError

    def base_url(self) -> str:
        """The configured (or default) base URL, validated before any SDK sees it."""
        url = getattr(self.config, "base_url", "") or self.default_base_url
        try:
            validate_safe_url(url)
        except UnsafeURLError as exc:
            raise IntelligenceError(f"{self.slug} base URL {exc}", permanent=True) from None
        return url.rstrip("/")

    def http_client(self):
        # follow_redirects off: an SDK never needs one, and the transport would still
        # validate each hop, but there is no reason to let a model endpoint bounce us.
        return safe_client(timeout=self.timeout, follow_redirects=False)


SYSTEM_PROMPT = """\
You are an experienced site reliability engineer helping an on-call responder.
You receive an incident from a monitoring pipeline, the results of health checks run
against the hosts involved, and findings from local rule-based diagnosis. Secrets have
been replaced by ***. Explain the most likely cause and what to do next.

Answer with ONE JSON object and nothing else, in this exact shape:
{"summary": "<two or three sentences>",
 "recommendations": [
   {"title": "<short imperative>", "detail": "<why and how>",
    "priority": "critical" | "high" | "medium" | "low",
    "commands": ["<shell command a human may run to investigate or fix>"],
    "confidence": <0.0 to 1.0>}
 ]}
At most 6 recommendations, most important first. Commands are read by a human before
anything runs: prefer read-only diagnostics, and never suggest destructive commands
without saying so in the detail."""


def build_prompt(context: AnalysisContext) -> tuple[str, str]:
    budget = settings.INTELLIGENCE_PROMPT_MAX_CHARS
    # Redacted again here: whatever built the context, no secret reaches a prompt.
    sections = {
        "scope": context.scope,
        "incident": _compact_snapshot(redact(context.snapshot)),
        "check_results": redact(context.check_results),
        "local_findings": [
            item.model_dump(include={"title", "detail", "priority"})
            for item in context.local_findings
        ],
    }
    text = json.dumps(sections, indent=1, default=str, ensure_ascii=False)
    if len(text) > budget:
        text = text[:budget] + "\n… (truncated)"
    return SYSTEM_PROMPT, f"Analyse this and answer in the JSON shape given:\n{text}"


def _compact_snapshot(snapshot: dict) -> dict:
    # Alerts repeat most of the incident; keep what helps a diagnosis.
    keep = ("name", "status", "severity", "labels", "annotations", "description", "started_at")
    alerts = [
        {key: alert.get(key) for key in keep if alert.get(key)}
        for alert in (snapshot.get("alerts") or [])[:10]
        if isinstance(alert, dict)
    ]
    return {**{k: v for k, v in snapshot.items() if k != "alerts"}, "alerts": alerts}


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


def parse_answer(text: str) -> Answer:
    if not isinstance(text, str) or not text.strip():
        raise UnparseableAnswer("the model answered with no text")
    candidate = text.strip()
    fenced = _FENCE.search(candidate)
    if fenced:
        candidate = fenced.group(1).strip()
    start, end = candidate.find("{"), candidate.rfind("}")
    if start < 0 or end <= start:
        raise UnparseableAnswer("the model's answer holds no JSON object")
    try:
        data = json.loads(candidate[start : end + 1])
    except json.JSONDecodeError as exc:
        raise UnparseableAnswer(f"the model's answer is not valid JSON ({exc.msg})") from None
    try:
        answer = Answer.model_validate(data)
    except ValidationError as exc:
        raise UnparseableAnswer(
            f"the model's answer does not match the schema: {describe_validation(exc)}"
        ) from None
    if not answer.summary and not answer.recommendations:
        raise UnparseableAnswer("the model's answer has neither summary nor recommendations")
    return answer


def http_failure(api: str, status: int, headers=None) -> IntelligenceError:
    verdict = classify_answer(status, headers)
    return IntelligenceError(
        f"{api} answered HTTP {status}",
        permanent=verdict.permanent,
        retry_after=verdict.retry_after,
    )


def describe_validation(exc: ValidationError, limit: int = 3) -> str:
    # Field locations and messages only: pydantic's default text quotes the input value,
    # which may be a credential.
    parts = [
        f"{'.'.join(str(p) for p in err.get('loc', ())) or 'value'}: {err.get('msg', 'invalid')}"
        for err in exc.errors()[:limit]
    ]
    return "; ".join(parts)


def usage_value(usage: Any, *names: str) -> int | None:
    for name in names:
        value = usage.get(name) if isinstance(usage, dict) else getattr(usage, name, None)
        if isinstance(value, int):
            return value
    return None


def join_text(parts: Iterable[Any]) -> str:
    return "".join(getattr(part, "text", None) or "" for part in parts)
