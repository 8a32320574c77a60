"""Request bodies sent with `Transfer-Encoding: chunked` (curl -T -, many scripts and
proxies), for Django under WSGI.

The HTTP server decodes the chunks, but a WSGI request without Content-Length is read
by Django as empty: the webhook answered "empty body". This wrapper reads such a body
once, at most one byte past the largest size any view accepts, and hands Django a body
with its length, so each view's own limit (413) applies as for any other request. Under `vigil serve` the
front (vigil/core/front.py) has already read the body and set its length; this covers
other WSGI servers (`vigil.wsgi:application`).
"""

import io

from django.conf import settings


def body_limit() -> int:
    return max(settings.WEBHOOK_MAX_BODY_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)


class ChunkedBodies:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not environ.get("CONTENT_LENGTH"):
            body = environ["wsgi.input"].read(body_limit() + 1)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.application(environ, start_response)
