from django.contrib import admin
from django.urls import path

from vigil.api import api
from vigil.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("", api.urls),
]

handler404 = "vigil.core.errors.not_found"
handler500 = "vigil.core.errors.server_error"
handler400 = "vigil.core.errors.bad_request"
handler403 = "vigil.core.errors.permission_denied"
