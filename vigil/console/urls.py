from django.urls import re_path

from vigil.console import views
from vigil.core.middleware import FALLBACK_URL_NAME

# Last in vigil/urls.py: whatever the server does not answer is a console route.
urlpatterns = [re_path(r"^(?P<route>.*)$", views.index, name=FALLBACK_URL_NAME)]
