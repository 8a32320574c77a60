"""A local or remote Ollama server through the ollama SDK.

The ollama client does not take a ready httpx client; it builds one and passes its
extra keyword arguments to `httpx.Client`, so we hand it our `SafeTransport` (the same
transport `safe_client` uses) and `trust_env=False`. Ollama usually listens on
127.0.0.1, which the SSRF guard refuses: allow it with SSRF_ALLOWED_HOSTS.
"""

from typing import ClassVar

from vigil.core.security.http import SafeTransport
from vigil.intelligence.providers.base import (
    Completion,
    IntelligenceError,
    LLMConfig,
    LLMProvider,
    ProviderConfig,
    http_failure,
    usage_value,
)


class OllamaConfig(LLMConfig):
    base_url: str = "http://127.0.0.1:11434"
    # Keep the model loaded between analyses (Ollama duration string, e.g. "5m").
    keep_alive: str = "5m"


class OllamaProvider(LLMProvider):
    slug = "ollama"
    label = "Ollama"
    sdk_module = "ollama"
    pip_install = "pip install 'ollama>=0.4'  (or: pip install 'vigil[llm]')"
    Config: ClassVar[type[ProviderConfig]] = OllamaConfig
    default_base_url = "http://127.0.0.1:11434"

    def complete(self, system: str, user: str) -> Completion:
        import ollama

        config = self.config
        headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else None
        client = ollama.Client(
            host=self.base_url(),
            headers=headers,
            timeout=self.timeout,
            follow_redirects=False,
            transport=SafeTransport(),
            trust_env=False,
        )
        options = {"num_predict": config.max_tokens}
        if config.temperature is not None:
            options["temperature"] = config.temperature
        try:
            with client:
                response = client.chat(
                    model=config.model,
                    messages=[
                        {"role": "system", "content": system},
                        {"role": "user", "content": user},
                    ],
                    format="json",
                    options=options,
                    keep_alive=config.keep_alive,
                )
        except ollama.ResponseError as exc:
            raise http_failure("Ollama", exc.status_code) from None
        except Exception as exc:  # httpx and transport errors come through unwrapped
            raise IntelligenceError(f"Ollama request failed: {exc.__class__.__name__}") from None
        return Completion(
            response.message.content or "",
            response.model or config.model,
            usage_value(response, "prompt_eval_count"),
            usage_value(response, "eval_count"),
        )
