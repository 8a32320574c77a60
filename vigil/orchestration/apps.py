from django.apps import AppConfig


class OrchestrationConfig(AppConfig):
    name = "vigil.orchestration"
    label = "orchestration"
    verbose_name = "Orchestration"

    def ready(self) -> None:
        from vigil.alerts.changes import register_recorder
        from vigil.orchestration import checks  # noqa: F401  (registers the system checks)
        from vigil.orchestration.readiness import register_checks
        from vigil.orchestration.receivers import connect_signals
        from vigil.orchestration.recorder import record_runs

        register_recorder(record_runs)  # runs are recorded in ingest's own transaction
        connect_signals()
        register_checks()
