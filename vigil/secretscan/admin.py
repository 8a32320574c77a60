from django.contrib import admin, messages

from vigil.secretscan.models import ScannedRepository, SecretFinding, Triage
from vigil.secretscan.triage import set_triage


@admin.register(ScannedRepository)
class ScannedRepositoryAdmin(admin.ModelAdmin):
    list_display = ("path", "last_scan_at", "last_history_scan_at", "last_error")
    readonly_fields = ("tips", "last_scan_at", "last_history_scan_at", "last_error")


def _triage_action(state: str, label: str):
    def action(modeladmin, request, queryset):
        values = {(f.repository_id, f.fingerprint): f for f in queryset}
        for finding in values.values():
            set_triage(finding, state, by=request.user.get_username())
        modeladmin.message_user(
            request, f"{len(values)} value(s) marked {label}", level=messages.SUCCESS
        )

    action.short_description = f"Mark the selected values {label}"
    action.__name__ = f"mark_{state}"
    return action


@admin.register(SecretFinding)
class SecretFindingAdmin(admin.ModelAdmin):
    list_display = (
        "rule",
        "repository",
        "path",
        "line",
        "commit",
        "confidence",
        "triage",
        "committed_at",
        "first_seen_at",
        "resolved_at",
    )
    list_filter = ("triage", "confidence", "rule", "repository", "resolved_at")
    search_fields = ("path", "commit", "author", "fingerprint")
    readonly_fields = [f.name for f in SecretFinding._meta.fields]
    actions = [_triage_action(state, label) for state, label in Triage.choices]
