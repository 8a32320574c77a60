"""Signals other apps connect to.

runs_created(sender=Incident, run_ids=[str, …]) is sent after the commit of a
transaction that recorded pending PipelineRuns, an ingest or a person's action (never
for a rolled-back one). The run rows are the source of truth: a receiver only wakes workers, and a receiver that fails
is logged and leaves the runs pending for the next poll.

payload_accepted(sender=<driver class>, payload=dict) is sent after a webhook's events
were recorded, for receivers that keep more of a source's payload than its alerts (the
nodes app keeps each `cluster` report as the node's latest results). A receiver that
fails is logged; the webhook's answer does not change.
"""

from django.dispatch import Signal

runs_created = Signal()
# Cached per sender: a driver nobody listens to costs one dict lookup per webhook.
payload_accepted = Signal(use_caching=True)
