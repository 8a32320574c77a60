from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class Node(models.Model):
    """A known host: how alerts name it and how Vigil can look at it."""

    class Origin(models.TextChoices):
        AGENT = "agent"  # created when its agent (or push_to_hub) first reported
        CONFIG = "config"  # from NODES_FILE
        ADMIN = "admin"  # added in the admin or the console

    name = models.CharField(max_length=255, unique=True)
    # Other names alerts use for it (short name, FQDN, instance label).
    aliases = models.JSONField(default=list, blank=True)
    addresses = models.JSONField(default=list, blank=True)
    labels = models.JSONField(default=dict, blank=True)
    # Where its node_exporter answers; empty: derived from an alert's instance (host:9100).
    node_exporter_url = models.CharField(max_length=500, blank=True, default="")
    # Its `instance` label in Prometheus, when that differs from the name.
    prometheus_instance = models.CharField(max_length=255, blank=True, default="")
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.ADMIN)
    last_report_at = models.DateTimeField(null=True, blank=True)
    # Its agent's last report or poll: an agent not heard from is not waited for.
    last_seen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.node_exporter_url and not self.node_exporter_url.startswith(
            ("http://", "https://")
        ):
            raise ValidationError(
                {"node_exporter_url": "use an http(s) URL, e.g. http://web-7:9100/metrics"}
            )
        for name in ("aliases", "addresses"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValidationError({name: 'a JSON list of strings, e.g. ["web-7.example.com"]'})
        if not isinstance(self.labels, dict):
            raise ValidationError({"labels": 'a JSON object, e.g. {"role": "web"}'})

    def names(self) -> set[str]:
        return {str(name).lower() for name in [self.name, *self.aliases, *self.addresses] if name}


class NodeReport(models.Model):
    """One set of results a node's agent (or push_to_hub) sent: the cluster payload."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="reports")
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=16, default="unknown")
    results = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["node", "-received_at"], name="nodereport_latest")]

    def __str__(self) -> str:
        return f"{self.node_id} at {self.received_at:%Y-%m-%d %H:%M:%S}: {self.status}"


class CheckRequest(models.Model):
    """The CHECK stage asking a node's agent for a fresh run (the agent polls for these)."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="requests")
    checks = models.JSONField(default=list, blank=True)
    mountpoint = models.CharField(max_length=500, blank=True, default="")
    run_id = models.CharField(max_length=64, blank=True, default="")
    requested_at = models.DateTimeField(default=timezone.now)
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["node", "taken_at"], name="checkrequest_pending")]

    def __str__(self) -> str:
        return f"{self.node_id}: {', '.join(self.checks) or 'default suite'}"
