from django.contrib import admin
from django.urls import include, path

from vigil.alerts import views as alert_views
from vigil.api import api
from vigil.bot import views as bot_views
from vigil.console import views as console_views
from vigil.core import views as core_views

# The admin's modules load here, with the URLconf, not at every command's set-up
# (INSTALLED_APPS has SimpleAdminConfig).
admin.autodiscover()

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/docs", core_views.api_docs, name="api-docs"),
    # The ingest hot path is a plain view, ahead of the Ninja API (docs/alerts.md).
    path("alerts/webhook/", alert_views.webhook, name="alerts-webhook"),
    path("alerts/webhook/<str:driver>/", alert_views.webhook, name="alerts-webhook-driver"),
    path("telegram/webhook/", bot_views.receive, name="telegram-webhook"),
    # The console's home comes before the API's own root route (Ninja answers 404 there).
    path("", console_views.index, name="console-home"),
    path("", api.urls),
    path("", include("vigil.console.urls")),
]

handler404 = "vigil.core.errors.not_found"
handler500 = "vigil.core.errors.server_error"
handler400 = "vigil.core.errors.bad_request"
handler403 = "vigil.core.errors.permission_denied"
