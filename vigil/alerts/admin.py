from django.contrib import admin, messages

from vigil.alerts import lifecycle
from vigil.alerts.models import Alert, AlertHistory, Incident


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AlertInline(ReadOnlyInline):
    model = Alert
    fields = ["name", "status", "severity", "source", "fingerprint", "last_seen_at"]
    readonly_fields = fields


class TimelineInline(ReadOnlyInline):
    model = AlertHistory
    verbose_name_plural = "timeline"
    show_change_link = False
    fields = ["at", "event", "alert", "from_status", "to_status", "by", "detail"]
    readonly_fields = fields


def _run_action(modeladmin, request, queryset, action, verb: str) -> None:
    by = f"admin:{request.user.get_username()}"
    done = 0
    for incident in queryset:
        try:
            action(incident, by)
            done += 1
        except lifecycle.IncidentStateError as exc:
            modeladmin.message_user(request, str(exc), messages.WARNING)
    if done:
        modeladmin.message_user(request, f"{done} incident(s) {verb}.", messages.SUCCESS)


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "status", "severity", "source", "flapping", "opened_at"]
    list_filter = ["status", "severity", "source", "flapping", "environment"]
    search_fields = ["title", "group_key"]
    date_hierarchy = "opened_at"
    # Status moves only through the lifecycle's actions (above the list), which set the
    # times, record the timeline and tell the channels; the form shows it read-only.
    readonly_fields = [
        "status",
        "group_key",
        "opened_at",
        "updated_at",
        "acknowledged_at",
        "acknowledged_by",
        "resolved_at",
        "resolved_by",
        "closed_at",
        "closed_by",
        "flap_window_started_at",
        "flap_transitions",
    ]
    inlines = [AlertInline, TimelineInline]
    actions = ["acknowledge", "resolve", "close"]

    def has_add_permission(self, request):
        return False  # incidents come from alerts

    # Actions need the change permission (staff with rights), not merely admin access.
    @admin.action(description="Acknowledge selected incidents", permissions=["change"])
    def acknowledge(self, request, queryset):
        _run_action(self, request, queryset, lifecycle.acknowledge_incident, "acknowledged")

    @admin.action(description="Resolve selected incidents", permissions=["change"])
    def resolve(self, request, queryset):
        _run_action(self, request, queryset, lifecycle.resolve_incident, "resolved")

    @admin.action(description="Close selected incidents", permissions=["change"])
    def close(self, request, queryset):
        _run_action(self, request, queryset, lifecycle.close_incident, "closed")


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "status",
        "severity",
        "source",
        "incident",
        "duplicate_count",
        "last_seen_at",
    ]
    list_filter = ["status", "severity", "source"]
    search_fields = ["name", "fingerprint"]
    raw_id_fields = ["incident"]
    readonly_fields = ["first_seen_at", "last_seen_at", "duplicate_count"]


@admin.register(AlertHistory)
class AlertHistoryAdmin(admin.ModelAdmin):
    list_display = ["at", "event", "incident", "alert", "from_status", "to_status", "by"]
    list_filter = ["event"]
    raw_id_fields = ["incident", "alert"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
