"""Signals the core sends for other apps to hear.

api_key_refused(sender, request): a request presented an API key that does not exist or
is inactive (answered 401 by the API authentication, vigil/accounts/middleware.py). The
security watch (vigil/secretscan/watch.py) counts them per client address.
"""

from django.dispatch import Signal

api_key_refused = Signal()
