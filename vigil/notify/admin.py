import json

from django import forms
from django.contrib import admin, messages

from vigil.notify.drivers import DRIVERS, ConfigError
from vigil.notify.drivers.base import masked_config, merge_masked, validate_config
from vigil.notify.models import Delivery, NotificationChannel
from vigil.notify.services import test_channel


class ChannelForm(forms.ModelForm):
    """Shows the config with secrets masked; a masked value sent back keeps the secret."""

    config = forms.JSONField(
        help_text="JSON; secrets show masked: leave a masked value as it is to keep it. "
        "The fields of each driver: GET /notify/drivers/<driver>/ or docs/notify.md."
    )

    class Meta:
        model = NotificationChannel
        fields = ["name", "driver", "config", "active", "min_interval_seconds"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and instance.driver in DRIVERS:
            self.initial["config"] = masked_config(DRIVERS[instance.driver], instance.config)

    def clean(self):
        data = super().clean()
        driver = DRIVERS.get(data.get("driver", ""))
        config = data.get("config")
        if driver is None or not isinstance(config, dict):
            return data
        try:
            if self.instance.pk and self.instance.driver == driver.slug:
                config = merge_masked(driver, self.instance.config, config)
            validate_config(driver, config)
        except ConfigError as exc:
            self.add_error("config", str(exc))
        data["config"] = config
        return data


@admin.register(NotificationChannel)
class NotificationChannelAdmin(admin.ModelAdmin):
    form = ChannelForm
    list_display = ["name", "driver", "active", "last_success_at", "last_error_at", "short_error"]
    list_filter = ["driver", "active"]
    search_fields = ["name"]
    readonly_fields = ["last_error", "last_error_at", "last_success_at", "consecutive_failures"]
    actions = ["send_test", "reactivate"]

    @admin.display(description="last error")
    def short_error(self, obj: NotificationChannel) -> str:
        return obj.last_error[:120]

    def save_model(self, request, obj, form, change):
        obj.config = form.cleaned_data["config"]
        super().save_model(request, obj, form, change)

    @admin.action(description="Send a test message")
    def send_test(self, request, queryset):
        for channel in queryset:
            outcome = test_channel(channel)
            if outcome.status == "sent":
                self.message_user(request, f"{channel.name}: test message sent")
            else:
                self.message_user(request, f"{channel.name}: {outcome.error}", messages.ERROR)

    @admin.action(description="Re-activate (reset the failure count)")
    def reactivate(self, request, queryset):
        count = queryset.update(active=True, consecutive_failures=0)
        self.message_user(request, f"{count} channel(s) re-activated")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel_name", "driver", "status", "attempts",
                    "next_attempt_at", "run_id"]  # fmt: skip
    list_filter = ["status", "driver"]
    search_fields = ["run_id", "channel_name", "idempotency_key", "external_id"]
    exclude = ["config"]  # credentials of a driver-only send: never shown
    readonly_fields = ["idempotency_key", "run_id", "channel", "channel_name", "driver",
                       "message_json", "status", "attempts", "next_attempt_at",
                       "lease_expires_at", "last_error", "external_id", "created_at",
                       "updated_at", "sent_at"]  # fmt: skip
    fields = readonly_fields

    @admin.display(description="message")
    def message_json(self, obj: Delivery) -> str:
        return json.dumps(obj.message, indent=2, ensure_ascii=False)

    def has_add_permission(self, request):
        return False
