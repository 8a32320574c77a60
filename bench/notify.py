"""Costs of the NOTIFY stage on this machine; prints its figures.

    .venv/bin/python bench/notify.py [--deliveries 300]

Runs on a throw-away SQLite database (or DATABASE_URL) and a local HTTP server on
127.0.0.1; nothing leaves the machine.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("VIGIL_HOME", tempfile.mkdtemp(prefix="vigil-bench-"))
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x9" * 30)
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from tests.support.recording_server import RecordingServer  # noqa: E402
from vigil.notify.drivers.base import template_context  # noqa: E402
from vigil.notify.drivers.telegram import truncate_html  # noqa: E402
from vigil.notify.message import Notification  # noqa: E402
from vigil.notify.models import NotificationChannel  # noqa: E402
from vigil.notify.services import notify_run  # noqa: E402
from vigil.notify.templating import Limits, load_source, render_source  # noqa: E402


def timed(label: str, count: int, func) -> None:
    samples = []
    for index in range(count):
        started = time.perf_counter()
        func(index)
        samples.append(time.perf_counter() - started)
    total = sum(samples)
    p50 = statistics.median(samples) * 1000
    p99 = sorted(samples)[int(len(samples) * 0.99) - 1] * 1000
    print(f"{label:<48} {count / total:8.0f}/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deliveries", type=int, default=300)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    message = Notification(title="Disk full on db-1", text="/var is 97% used " * 20,
                           severity="critical", incident_id=1, fields={"host": "db-1"})  # fmt: skip
    NotificationChannel.objects.create(name="bench-locmem", driver="locmem", config={})
    server = RecordingServer().start()
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]
    NotificationChannel.objects.create(name="bench-webhook", driver="webhook",
                                       config={"url": server.url + "/in", "secret": "s"})  # fmt: skip
    n = args.deliveries
    print(f"database: {settings.DATABASES['default']['ENGINE']}, cpus: {os.cpu_count()}")
    timed(
        "notify_run, locmem (new delivery each)",
        n,
        lambda i: notify_run(run_id=f"a{i}", channel_names=["bench-locmem"], message=message),
    )
    timed(
        "notify_run, same run again (already_sent)",
        n,
        lambda i: notify_run(run_id=f"a{i}", channel_names=["bench-locmem"], message=message),
    )
    timed(
        "notify_run, signed webhook to 127.0.0.1",
        n,
        lambda i: notify_run(run_id=f"w{i}", channel_names=["bench-webhook"], message=message),
    )
    server.stop()
    source = load_source("plain.txt.j2")
    context = template_context(message)
    limits = Limits()
    timed(
        "render plain.txt.j2 (sandbox + limits + trace)",
        n,
        lambda i: render_source(source, context, limits),
    )
    loop = "{% for i in range(1000) %}{{ i }}{% endfor %}"
    timed("render a 1000-iteration loop", 100, lambda i: render_source(loop, {}, limits))
    html = "<b>title</b>\n" + "x &amp; y &lt; z " * 2000
    timed("truncate_html of a 32k-character message", n, lambda i: truncate_html(html))  # fmt: skip


if __name__ == "__main__":
    main()
