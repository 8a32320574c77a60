"""Anthropic's Messages API (Claude)."""

from typing import ClassVar

from vigil.intelligence.providers.base import (
    Completion,
    IntelligenceError,
    LLMConfig,
    LLMProvider,
    ProviderConfig,
    http_failure,
    join_text,
    usage_value,
)


class AnthropicConfig(LLMConfig):
    base_url: str = "https://api.anthropic.com"


class AnthropicProvider(LLMProvider):
    slug = "anthropic"
    label = "Anthropic"
    sdk_module = "anthropic"
    pip_install = "pip install 'anthropic>=0.45'  (or: pip install 'vigil[llm]')"
    Config: ClassVar[type[ProviderConfig]] = AnthropicConfig
    default_base_url = "https://api.anthropic.com"

    def complete(self, system: str, user: str) -> Completion:
        import anthropic

        from vigil.core.security.httpx2_bridge import safe_httpx2_client

        config = self.config
        if not config.api_key:
            raise IntelligenceError("the anthropic provider needs an api_key", permanent=True)
        client = anthropic.Anthropic(
            api_key=config.api_key,
            base_url=self.base_url(),
            # anthropic>=2 is built on httpx2 and refuses an httpx client.
            http_client=safe_httpx2_client(self.timeout),
            max_retries=config.max_retries,
            timeout=self.timeout,
        )
        extra = {} if config.temperature is None else {"temperature": config.temperature}
        try:
            with client:
                message = client.messages.create(
                    model=config.model,
                    max_tokens=config.max_tokens,
                    system=system,
                    messages=[{"role": "user", "content": user}],
                    **extra,
                )
        except anthropic.APIStatusError as exc:
            raise http_failure("Anthropic API", exc.status_code) from None
        except anthropic.APIError as exc:
            raise IntelligenceError(f"Anthropic API failed: {exc.__class__.__name__}") from None
        return Completion(
            join_text(block for block in message.content if block.type == "text"),
            message.model or config.model,
            usage_value(message.usage, "input_tokens"),
            usage_value(message.usage, "output_tokens"),
        )
