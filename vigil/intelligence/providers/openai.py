"""Any OpenAI-compatible chat completions API: OpenAI, xAI, Mistral, GitHub Models, vLLM,
LM Studio… chosen by base URL."""

from typing import ClassVar, Literal

from vigil.intelligence.providers.base import (
    Completion,
    IntelligenceError,
    LLMConfig,
    LLMProvider,
    ProviderConfig,
    http_failure,
    usage_value,
)


class OpenAIConfig(LLMConfig):
    base_url: str = "https://api.openai.com/v1"
    # Newer OpenAI models refuse max_tokens; most compatible servers know only max_tokens.
    token_parameter: Literal["max_tokens", "max_completion_tokens"] = "max_tokens"  # noqa: S105
    # response_format {"type": "json_object"}; turn off for servers that refuse it.
    json_mode: bool = True


class OpenAIProvider(LLMProvider):
    slug = "openai"
    label = "OpenAI-compatible"
    sdk_module = "openai"
    pip_install = "pip install 'openai>=1.60'  (or: pip install 'vigil[llm]')"
    Config: ClassVar[type[ProviderConfig]] = OpenAIConfig
    default_base_url = "https://api.openai.com/v1"

    def complete(self, system: str, user: str) -> Completion:
        import openai

        config = self.config
        client = openai.OpenAI(
            # Local servers (vLLM, LM Studio) take any key; the SDK insists on one.
            api_key=config.api_key or "not-needed",
            base_url=self.base_url(),
            http_client=self.http_client(),
            max_retries=config.max_retries,
            timeout=self.timeout,
        )
        extra = {config.token_parameter: config.max_tokens}
        if config.temperature is not None:
            extra["temperature"] = config.temperature
        if config.json_mode:
            extra["response_format"] = {"type": "json_object"}
        try:
            with client:
                response = client.chat.completions.create(
                    model=config.model,
                    messages=[
                        {"role": "system", "content": system},
                        {"role": "user", "content": user},
                    ],
                    **extra,
                )
        except openai.APIStatusError as exc:
            raise http_failure("OpenAI-compatible API", exc.status_code) from None
        except openai.APIError as exc:
            raise IntelligenceError(
                f"OpenAI-compatible API failed: {exc.__class__.__name__}"
            ) from None
        choices = response.choices or []
        text = (choices[0].message.content or "") if choices else ""
        return Completion(
            text,
            response.model or config.model,
            usage_value(response.usage, "prompt_tokens"),
            usage_value(response.usage, "completion_tokens"),
        )
