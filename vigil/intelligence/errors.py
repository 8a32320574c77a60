"""The intelligence family's error, apart from the providers' machinery (pydantic, the
HTTP client), so that the provider registry and the models load without them."""

from vigil.core.retry import RetryableError


class IntelligenceError(RetryableError):
    """A provider could not produce an analysis; `permanent` says if a retry can help."""
