from django.contrib import admin

from vigil.nodes.models import CheckRequest, Node, NodeReport


class NodeReportInline(admin.TabularInline):
    model = NodeReport
    fields = ("received_at", "sent_at", "status", "results")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ("-received_at",)


@admin.register(Node)
class NodeAdmin(admin.ModelAdmin):
    list_display = ("name", "origin", "node_exporter_url", "last_report_at", "updated_at")
    list_filter = ("origin",)
    search_fields = ("name", "aliases", "addresses")
    readonly_fields = ("last_report_at", "created_at", "updated_at")
    inlines = [NodeReportInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.origin = Node.Origin.ADMIN
        super().save_model(request, obj, form, change)


@admin.register(CheckRequest)
class CheckRequestAdmin(admin.ModelAdmin):
    list_display = ("node", "checks", "mountpoint", "run_id", "requested_at", "taken_at")
    readonly_fields = [field.name for field in CheckRequest._meta.fields]

    def has_add_permission(self, request):
        return False
