import os

from django.core.wsgi import get_wsgi_application

from vigil.core.chunked import ChunkedBodies

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
application = ChunkedBodies(get_wsgi_application())
