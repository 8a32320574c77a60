"""CPU per outbound request: request() against the bare clients it could be built on.

    .venv/bin/python bench/outbound_http.py [--requests 3000] [--threads 4] [--rounds 3]

pipeline.py's webhook receiver (keep-alive, TCP_NODELAY, as vendors' endpoints) runs
in a child process on 127.0.0.1; this process POSTs a webhook-sized JSON body with each
client in turn, `--rounds` times (Django's settings configured, as in a worker), and
prints the CPU time this process spent per request (median of the rounds): `vigil.core.security.http.request()`, a bare httpcore
connection pool, and the standard library's `http.client`. A worker sends one such
request per run, so request()'s figure is its share of a run's worker CPU.
"""

import argparse
import json
import multiprocessing
import statistics
import sys
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

import httpcore
from django.conf import settings

from vigil.core.security.http import request

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pipeline import Recorder  # the benchmark's own receiver

BODY = {"title": "Disk full on db-1", "text": "/var is 97% used " * 20, "labels": {"a": "b"}}


def _serve(port_out) -> None:
    recorder = Recorder()  # pipeline.py's webhook receiver: keep-alive, TCP_NODELAY
    port_out.put(recorder.server.server_address[1])
    threading.Event().wait()


def _clients(port: int) -> dict:
    url = f"http://127.0.0.1:{port}/hook"
    body = json.dumps(BODY).encode()
    headers = {"Content-Type": "application/json", "Content-Length": str(len(body))}
    pool = httpcore.ConnectionPool(max_connections=None)
    local = threading.local()

    def vigil_request():
        request("POST", url, json=BODY)  # the allow-list from the settings, as a worker

    def bare_httpcore():
        pool.request("POST", url, headers={**headers, "Host": f"127.0.0.1:{port}"}, content=body)

    def bare_http_client():
        if not hasattr(local, "connection"):
            local.connection = HTTPConnection("127.0.0.1", port)
        local.connection.request("POST", "/hook", body, headers)
        local.connection.getresponse().read()

    return {"request()": vigil_request, "httpcore pool": bare_httpcore,
            "http.client": bare_http_client}  # fmt: skip


def _cpu_per_request(send, requests: int, threads: int) -> float:
    def work(n):
        for _ in range(n):
            send()

    work(100)  # connections open, code warm
    started = time.process_time()
    workers = [threading.Thread(target=work, args=(requests // threads,)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return 1e6 * (time.process_time() - started) / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings.configure(SSRF_ALLOWED_HOSTS=["127.0.0.1"])
    ports = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(ports,), daemon=True)
    server.start()
    try:
        clients = _clients(ports.get(timeout=10))
        figures = {name: [] for name in clients}
        for _ in range(args.rounds):
            for name, send in clients.items():
                figures[name].append(_cpu_per_request(send, args.requests, args.threads))
    finally:
        server.terminate()
    result = {name: round(statistics.median(values)) for name, values in figures.items()}
    print(json.dumps({"cpu_us_per_request": result, "threads": args.threads}, indent=2))


if __name__ == "__main__":
    main()
