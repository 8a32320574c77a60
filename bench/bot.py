"""The Telegram bot under button presses, through the fake Bot API on 127.0.0.1.

    python bench/bot.py --db postgres --pg-database vigil_bench_bot
    python bench/bot.py --db sqlite

Starts a real `vigil bot` against tests/support/fake_telegram.py, with --chats linked
responders (50) each holding open incidents. --presses Acknowledge presses (500) are
offered at --rate per second over all chats (25: under Telegram's 30 messages a second,
which the bot's rate limiter keeps to), each chat's in turn. For each press it reports
arrival (the update handed to the fake, which the bot's long poll is waiting on) →
the incident's acknowledged_at (set in the transaction, just before its commit), and
arrival → the editMessageText request reaching the fake; p50/p95/p99 against the goals
(150 ms / 300 ms at p99). --burst N then has N chats press at the same instant (the
30-a-second limit shapes that tail). Last, the bot idles for --idle-seconds: its CPU
(% of one core) and RSS against < 1 % and ≤ 100 MB.
"""

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from pipeline import _env, _reset_postgres, _start, _vigil  # the benchmark's own helpers

from tests.support.fake_telegram import TOKEN, FakeTelegram

GOAL_COMMIT_P99_MS = 150.0
GOAL_EDIT_P99_MS = 300.0
GOAL_IDLE_CPU = 1.0
GOAL_IDLE_RSS_MB = 100.0

SETUP = """
import json
from django.contrib.auth.models import Group, User
from vigil.accounts.roles import set_user_role
from vigil.alerts.models import Incident
from vigil.bot import callbacks
from vigil.bot.models import TelegramLink
chats = {}
for c in range(%(chats)d):
    user = User.objects.create_user(f"bench{c}")
    set_user_role(user, "responder")
    TelegramLink.objects.create(user=user, telegram_user_id=1000 + c)
    chats[1000 + c] = [
        callbacks.sign("ack", Incident.objects.create(
            title=f"bench incident {c}-{k}", source="generic", group_key=f"b{c}-{k}",
            severity="critical").pk)
        for k in range(%(per_chat)d)
    ]
print(json.dumps(chats))
"""

ACKED = """
import json
from vigil.alerts.models import Incident
print(json.dumps({i.pk: i.acknowledged_at.timestamp()
                  for i in Incident.objects.exclude(acknowledged_at=None)}))
"""


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return f"p50 {cut[49]:.1f} ms, p95 {cut[94]:.1f} ms, p99 {cut[98]:.1f} ms, max {ordered[-1]:.1f} ms"


def offer(fake: FakeTelegram, presses: list[tuple[int, str]], rate: float) -> dict[int, float]:
    """Push the presses at `rate` a second (all at once for rate 0); arrival wall times
    by update id."""
    arrivals = {}
    start = time.monotonic()
    for n, (chat, data) in enumerate(presses):
        if rate:
            wait = start + n / rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        update = fake.press(data, user_id=chat, message_id=10_000 + n, text="[FIRING] bench")
        arrivals[update["update_id"]] = time.time()
    return arrivals


def measure(fake, env, presses, rate, label: str) -> None:
    edits_before = len(fake.of("editMessageText"))
    arrivals = offer(fake, presses, rate)
    deadline = time.monotonic() + 60 + len(presses) / 10
    while len(fake.of("editMessageText")) - edits_before < len(presses):
        if time.monotonic() > deadline:
            raise SystemExit(
                f"{label}: only {len(fake.of('editMessageText')) - edits_before} edits"
            )
        time.sleep(0.05)
    acked = {
        int(k): v
        for k, v in json.loads(_vigil(env, "shell", "-c", ACKED).stdout.splitlines()[-1]).items()
    }
    by_message = {10_000 + n: u for n, u in enumerate(sorted(arrivals))}
    commit, edit = [], []
    for call in fake.of("editMessageText")[edits_before:]:
        update_id = by_message[int(call.params["message_id"])]
        edit.append((call.wall - arrivals[update_id]) * 1000)
    for n, (_update, arrived) in enumerate(sorted(arrivals.items())):
        incident_id = int(presses[n][1].split(":")[1])
        commit.append((acked[incident_id] - arrived) * 1000)
    print(f"{label}: {len(presses)} presses from {len({c for c, _ in presses})} chats")
    print(
        f"  arrival -> incident change committed: {_percentiles(commit)} (goal p99 <= {GOAL_COMMIT_P99_MS:.0f} ms)"
    )
    print(
        f"  arrival -> edited message sent:       {_percentiles(edit)} (goal p99 <= {GOAL_EDIT_P99_MS:.0f} ms)"
    )


def idle(bot: psutil.Process, seconds: float) -> None:
    time.sleep(5)  # the last presses' work is done
    before = bot.cpu_times()
    time.sleep(seconds)
    after = bot.cpu_times()
    cpu = (after.user + after.system - before.user - before.system) / seconds * 100
    rss = bot.memory_info().rss / 1024 / 1024
    print(f"idle {seconds:.0f} s: CPU {cpu:.2f} % of a core (goal < {GOAL_IDLE_CPU:.0f} %), "
          f"RSS {rss:.0f} MB (goal <= {GOAL_IDLE_RSS_MB:.0f} MB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--pg-database", default="vigil_bench_bot")
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--presses", type=int, default=500)
    parser.add_argument("--rate", type=float, default=25.0)
    parser.add_argument("--burst", type=int, default=50, help="chats pressing at once (0: skip)")
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    args = parser.parse_args()
    args.poll_ms, args.reuse_seconds = 50, None  # what pipeline._env reads
    if args.db == "postgres":
        _reset_postgres(args.pg_database)
    fake = FakeTelegram().start()
    with tempfile.TemporaryDirectory(prefix="vigil-bench-bot-") as home:
        env = _env(args, Path(home))
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=fake.url, LOG_LEVEL="WARNING")
        _vigil(env, "migrate", "--noinput")
        per_chat = -(-(args.presses + args.burst) // args.chats) + 1
        chats = json.loads(
            _vigil(
                env, "shell", "-c", SETUP % {"chats": args.chats, "per_chat": per_chat}
            ).stdout.splitlines()[-1]
        )
        queues = {int(chat): list(data) for chat, data in chats.items()}
        order = sorted(queues)
        presses = [
            (order[n % len(order)], queues[order[n % len(order)]].pop())
            for n in range(args.presses)
        ]
        process = _start(env, "bot")
        try:
            fake.wait_for("getUpdates", timeout=60)
            bot = psutil.Process(process.pid)
            time.sleep(2)
            print(f"started: RSS {bot.memory_info().rss / 1024 / 1024:.0f} MB")
            measure(fake, env, presses, args.rate, f"steady, {args.rate:g} presses/s")
            if args.burst:
                burst = [
                    (order[n], queues[order[n]].pop()) for n in range(min(args.burst, len(order)))
                ]
                measure(fake, env, burst, 0, "burst, all at once")
            idle(bot, args.idle_seconds)
        finally:
            process.terminate()
            process.wait(10)
            fake.stop()


if __name__ == "__main__":
    threading.excepthook = lambda exc: None  # the fake's long polls end with the benchmark
    main()
