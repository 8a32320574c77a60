from django.contrib import admin, messages

from vigil.core.models import ApiKey
from vigil.core.services import normalise_endpoints


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "masked",
        "is_active",
        "role",
        "allowed_endpoints",
        "created_at",
        "last_used_at",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "prefix"]
    readonly_fields = ["masked", "created_at", "last_used_at"]
    fields = [
        "name",
        "is_active",
        "role",
        "allowed_endpoints",
        "masked",
        "created_at",
        "last_used_at",
    ]

    @admin.display(description="key")
    def masked(self, obj: ApiKey) -> str:
        return obj.masked if obj.prefix else "(generated on save)"

    def save_model(self, request, obj: ApiKey, form, change):
        obj.allowed_endpoints = normalise_endpoints(obj.allowed_endpoints or [])
        if change:
            return super().save_model(request, obj, form, change)
        raw = ApiKey.new_raw_key()
        obj.set_key(raw)
        super().save_model(request, obj, form, change)
        # Shown once: only the digest is stored, so this message is the only copy.
        messages.warning(
            request,
            f"API key for {obj.name!r}: {raw} — copy it now, it will not be shown again.",
        )
