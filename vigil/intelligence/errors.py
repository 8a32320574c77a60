"""The intelligence family's error, apart from the providers' machinery (pydantic, the
HTTP client), so that the provider registry and the models load without them."""


class IntelligenceError(Exception):
    """A provider could not produce an analysis; `permanent` says if a retry can help."""

    permanent = False

    def __init__(self, message: str, *, permanent: bool | None = None):
        super().__init__(message)
        if permanent is not None:
            self.permanent = permanent
