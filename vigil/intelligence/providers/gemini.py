"""Google's Gemini API through the google-genai SDK.

google-genai accepts a ready httpx client as `HttpOptions(httpx_client=...)` and then
sends every sync request through it, so our SSRF-safe client carries the calls. Only the
sync API is used: the SDK would build its own async client (or aiohttp session) for the
async one, which we never call.
"""

from typing import ClassVar

from vigil.intelligence.providers.base import (
    Completion,
    IntelligenceError,
    LLMConfig,
    LLMProvider,
    ProviderConfig,
    http_failure,
    usage_value,
)


class GeminiConfig(LLMConfig):
    base_url: str = "https://generativelanguage.googleapis.com"
    api_version: str = "v1beta"


class GeminiProvider(LLMProvider):
    slug = "gemini"
    label = "Google Gemini"
    sdk_module = "google.genai"
    pip_install = "pip install 'google-genai>=1.0'  (or: pip install 'vigil[llm]')"
    Config: ClassVar[type[ProviderConfig]] = GeminiConfig
    default_base_url = "https://generativelanguage.googleapis.com"

    def complete(self, system: str, user: str) -> Completion:
        from google import genai
        from google.genai import errors, types

        config = self.config
        if not config.api_key:
            raise IntelligenceError("the gemini provider needs an api_key", permanent=True)
        generation = types.GenerateContentConfig(
            system_instruction=system,
            max_output_tokens=config.max_tokens,
            temperature=config.temperature,
            response_mime_type="application/json",
        )
        # google-genai leaves a client it was given open: ours is closed here.
        with self.http_client() as http:
            options = types.HttpOptions(
                base_url=self.base_url() + "/",
                api_version=config.api_version,
                timeout=int(self.timeout * 1000),
                httpx_client=http,
                retry_options=types.HttpRetryOptions(attempts=config.max_retries + 1),
            )
            client = genai.Client(api_key=config.api_key, http_options=options)
            try:
                response = client.models.generate_content(
                    model=config.model, contents=user, config=generation
                )
            except errors.APIError as exc:
                code = exc.code if isinstance(exc.code, int) else 0
                raise http_failure("Gemini API", code) from None
            except Exception as exc:  # the SDK lets httpx and our transport errors through
                raise IntelligenceError(f"Gemini API failed: {exc.__class__.__name__}") from None
        usage = response.usage_metadata
        return Completion(
            response.text or "",
            response.model_version or config.model,
            usage_value(usage, "prompt_token_count"),
            usage_value(usage, "candidates_token_count"),
        )
