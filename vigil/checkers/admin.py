from django.contrib import admin

from vigil.checkers.models import CheckRun


@admin.register(CheckRun)
class CheckRunAdmin(admin.ModelAdmin):
    list_display = ("created_at", "node", "checker", "target", "status", "message", "duration_ms")
    list_filter = ("status", "checker", "source", "node")
    search_fields = ("target", "message", "node")
    readonly_fields = [field.name for field in CheckRun._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
