"""The nodes app listens to the ingest of `cluster` payloads (push_to_hub, `vigil agent`):
each is kept as that node's latest results (vigil.alerts.signals.payload_accepted)."""

from django.dispatch import receiver

from vigil.alerts.drivers.cluster import ClusterDriver
from vigil.alerts.signals import payload_accepted
from vigil.nodes.registry import record_report


@receiver(payload_accepted, sender=ClusterDriver, dispatch_uid="nodes-record-report")
def keep_report(sender, payload: dict, **kwargs) -> None:
    record_report(payload)
