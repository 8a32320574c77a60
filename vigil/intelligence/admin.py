import json

from django import forms
from django.contrib import admin, messages
from pydantic import ValidationError

from vigil.core.security.urls import UnsafeURLError, validate_safe_url
from vigil.intelligence import services
from vigil.intelligence.models import AnalysisRun, IntelligenceProvider
from vigil.intelligence.providers import provider_class
from vigil.intelligence.providers.base import IntelligenceError, describe_validation

MASK = "***"


class ProviderForm(forms.ModelForm):
    """Shows secret config values as *** and keeps the stored value when *** comes back."""

    config = forms.JSONField(
        required=False,
        help_text='JSON object, e.g. {"model": "gpt-4o-mini", "api_key": "…", '
        '"base_url": "https://api.openai.com/v1"}. Secrets show as ***; leave *** '
        "to keep the stored value. See docs/intelligence.md for each provider's keys.",
    )

    class Meta:
        model = IntelligenceProvider
        fields = ["name", "provider", "config", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.config if self.instance.pk else {}
        self.initial["config"] = self._masked(stored or {}, self.instance.provider)

    @staticmethod
    def _secrets(slug: str) -> tuple[str, ...]:
        try:
            return provider_class(slug).Config.secret_fields
        except IntelligenceError:
            return ()

    def _masked(self, config: dict, slug: str) -> dict:
        secrets = self._secrets(slug)
        return {k: (MASK if k in secrets and v else v) for k, v in config.items()}

    def clean(self):
        data = super().clean()
        slug, config = data.get("provider"), data.get("config") or {}
        if not slug:
            return data
        if not isinstance(config, dict):
            self.add_error("config", "config must be a JSON object")
            return data
        stored = (self.instance.config or {}) if self.instance.pk else {}
        for key in self._secrets(slug):
            if config.get(key) == MASK:
                config[key] = stored.get(key, "")
        try:
            provider_class(slug).Config.model_validate(config)
        except ValidationError as exc:
            self.add_error("config", describe_validation(exc))
        if isinstance(config.get("base_url"), str) and config["base_url"]:
            try:
                validate_safe_url(config["base_url"])
            except UnsafeURLError as exc:
                self.add_error("config", f"base_url {exc}")
        data["config"] = config
        return data


@admin.register(IntelligenceProvider)
class IntelligenceProviderAdmin(admin.ModelAdmin):
    form = ProviderForm
    list_display = ["name", "provider", "is_active", "masked_config", "last_error", "updated_at"]
    list_filter = ["provider", "is_active"]
    search_fields = ["name"]
    readonly_fields = ["last_error", "created_at", "updated_at"]
    actions = ["make_active", "use_local"]

    @admin.display(description="config")
    def masked_config(self, obj: IntelligenceProvider) -> str:
        return json.dumps(services.masked_config(obj), sort_keys=True)[:200]

    def save_model(self, request, obj, form, change):
        wants_active = obj.is_active
        obj.is_active = False
        super().save_model(request, obj, form, change)
        if wants_active:
            services.activate(obj)

    @admin.action(description="Make the selected provider the active one")
    def make_active(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one provider.", messages.ERROR)
            return
        provider = queryset.get()
        services.activate(provider)
        self.message_user(request, f"{provider.name} is now the active provider.")

    @admin.action(description="Deactivate all: use the local provider")
    def use_local(self, request, queryset):
        services.activate(None)
        self.message_user(request, "No provider is active: the local provider answers.")


@admin.register(AnalysisRun)
class AnalysisRunAdmin(admin.ModelAdmin):
    list_display = [
        "id", "started_at", "incident_id", "scope", "requested_provider", "provider",
        "model", "outcome", "fallback_used", "duration_ms", "prompt_tokens",
        "completion_tokens",
    ]  # fmt: skip
    list_filter = ["outcome", "fallback_used", "provider", "scope"]
    search_fields = ["run_id", "incident_id", "summary"]
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
