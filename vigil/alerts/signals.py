"""Signals other apps connect to.

runs_created(sender=Incident, run_ids=[str, …]) is sent after the commit of an ingest
transaction that recorded pending PipelineRuns (never for a rolled-back one). The run
rows are the source of truth: a receiver only wakes workers, and a receiver that fails
is logged and leaves the runs pending for the next poll.
"""

from django.dispatch import Signal

runs_created = Signal()
