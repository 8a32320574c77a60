from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import path

from vigil.orchestration.models import Lane, PeriodicJob, PipelineRun, StageExecution
from vigil.orchestration.queue import queue_stats, stuck_runs
from vigil.orchestration.services import RunError, mark_failed, resume_run


class StageExecutionInline(admin.TabularInline):
    model = StageExecution
    extra = 0
    can_delete = False
    fields = (
        "stage",
        "attempt",
        "status",
        "reason",
        "error_type",
        "error",
        "started_at",
        "finished_at",
    )
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PipelineRun)
class PipelineRunAdmin(admin.ModelAdmin):
    list_display = (
        "run_id",
        "status",
        "current_stage",
        "definition_name",
        "origin",
        "incident",
        "attempts",
        "created_at",
        "finished_at",
    )
    list_filter = ("status", "origin", "definition_name")
    search_fields = ("run_id", "trace_id", "incident__title")
    date_hierarchy = "created_at"
    list_select_related = ("incident",)
    readonly_fields = [f.name for f in PipelineRun._meta.fields]
    inlines = [StageExecutionInline]
    actions = ["retry_runs", "mark_runs_failed"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Retry selected runs (keeps stages that succeeded)")
    def retry_runs(self, request, queryset):
        done, refused = 0, []
        for run in queryset:
            try:
                resume_run(run)
                done += 1
            except RunError as err:
                refused.append(f"{run.run_id}: {err.message}")
        self.message_user(request, f"{done} run(s) queued again")
        for message in refused[:10]:
            self.message_user(request, message, level=messages.WARNING)

    @admin.action(description="Mark selected runs failed")
    def mark_runs_failed(self, request, queryset):
        reason = f"marked failed by {request.user.get_username()} in the admin"
        count = sum(mark_failed(run, reason) for run in queryset)
        self.message_user(request, f"{count} run(s) marked failed (finished runs are left alone)")

    def get_urls(self):
        queue = path(
            "queue/",
            self.admin_site.admin_view(self.queue_view),
            name="orchestration_pipelinerun_queue",
        )
        return [queue, *super().get_urls()]

    def queue_view(self, request):
        context = {
            **self.admin_site.each_context(request),
            "title": "Run queue",
            "opts": self.model._meta,
            "stats": queue_stats(),
            "stuck": stuck_runs().order_by("created_at")[:50],
        }
        return TemplateResponse(request, "admin/orchestration/queue.html", context)


@admin.register(StageExecution)
class StageExecutionAdmin(admin.ModelAdmin):
    list_display = (
        "idempotency_key",
        "stage",
        "attempt",
        "status",
        "reason",
        "started_at",
        "finished_at",
    )
    list_filter = ("stage", "status")
    search_fields = ("idempotency_key",)
    readonly_fields = [f.name for f in StageExecution._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Lane)
class LaneAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "priority", "stages", "channels", "skip_if_condition")
    list_editable = ("active", "priority")
    list_filter = ("active",)
    search_fields = ("name", "description")


@admin.register(PeriodicJob)
class PeriodicJobAdmin(admin.ModelAdmin):
    list_display = ("name", "next_run_at", "last_started_at", "last_finished_at", "last_error")
    readonly_fields = ("name", "last_started_at", "last_finished_at", "last_error")
