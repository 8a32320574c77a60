"""The provider registry: stable slug → class. Slugs are stored in the database.

Loading it loads every provider (pydantic, the HTTP client; the SDKs themselves are
imported inside each provider, when it runs): the models and the system checks, which
load at every command's set-up, import it inside the functions that need it."""

from vigil.intelligence.errors import IntelligenceError
from vigil.intelligence.providers.anthropic import AnthropicProvider
from vigil.intelligence.providers.base import Provider
from vigil.intelligence.providers.gemini import GeminiProvider
from vigil.intelligence.providers.local import LocalProvider
from vigil.intelligence.providers.ollama import OllamaProvider
from vigil.intelligence.providers.openai import OpenAIProvider

PROVIDERS: dict[str, type[Provider]] = {
    "local": LocalProvider,
    "openai": OpenAIProvider,
    "anthropic": AnthropicProvider,
    "gemini": GeminiProvider,
    "ollama": OllamaProvider,
}

FALLBACK = "local"


def provider_class(slug: str) -> type[Provider]:
    if slug not in PROVIDERS:
        raise IntelligenceError(
            f"unknown provider {slug!r}; valid: {', '.join(PROVIDERS)}", permanent=True
        )
    return PROVIDERS[slug]


def provider_choices() -> list[tuple[str, str]]:
    return [(slug, cls.label) for slug, cls in PROVIDERS.items()]
