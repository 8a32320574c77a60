"""The provider registry: stable slug → dotted path. Slugs are stored in the database.

Dotted paths, so that loading the registry (the models do, at every command's set-up)
loads no provider, nor pydantic and the HTTP client they are built on."""

from typing import TYPE_CHECKING

from django.utils.module_loading import import_string

from vigil.intelligence.errors import IntelligenceError

if TYPE_CHECKING:
    from vigil.intelligence.providers.base import Provider

PROVIDERS: dict[str, str] = {
    "local": "vigil.intelligence.providers.local.LocalProvider",
    "openai": "vigil.intelligence.providers.openai.OpenAIProvider",
    "anthropic": "vigil.intelligence.providers.anthropic.AnthropicProvider",
    "gemini": "vigil.intelligence.providers.gemini.GeminiProvider",
    "ollama": "vigil.intelligence.providers.ollama.OllamaProvider",
}

FALLBACK = "local"


def provider_class(slug: str) -> "type[Provider]":
    if slug not in PROVIDERS:
        raise IntelligenceError(
            f"unknown provider {slug!r}; valid: {', '.join(PROVIDERS)}", permanent=True
        )
    return import_string(PROVIDERS[slug])


def provider_choices() -> list[tuple[str, str]]:
    return [(slug, provider_class(slug).label) for slug in PROVIDERS]
