from django.contrib import admin

from vigil.accounts.models import AuditEvent, SignIn


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "event", "username", "actor", "ip"]
    list_filter = ["event"]
    search_fields = ["username", "actor", "ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignIn)
class SignInAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "last_refreshed_at", "revoked_at", "revoked_reason", "ip"]
    list_filter = ["revoked_reason"]
    readonly_fields = ["user", "created_at", "last_refreshed_at", "ip", "user_agent"]
    fields = [*readonly_fields, "revoked_at", "revoked_reason"]

    def has_add_permission(self, request):
        return False
