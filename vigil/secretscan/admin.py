from django.contrib import admin

from vigil.secretscan.models import ScannedRepository, SecretFinding


@admin.register(ScannedRepository)
class ScannedRepositoryAdmin(admin.ModelAdmin):
    list_display = ("path", "last_scan_at", "last_error")
    readonly_fields = ("tips", "last_scan_at", "last_error")


@admin.register(SecretFinding)
class SecretFindingAdmin(admin.ModelAdmin):
    list_display = (
        "rule",
        "repository",
        "path",
        "line",
        "commit",
        "committed_at",
        "first_seen_at",
        "resolved_at",
    )
    list_filter = ("rule", "repository", "resolved_at")
    search_fields = ("path", "commit", "author", "fingerprint")
    readonly_fields = [f.name for f in SecretFinding._meta.fields]
