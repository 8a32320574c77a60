"""Each app's settings, one block per app, so that a change to one app does not touch
another's lines. Every variable is in .env.sample (tests/core/test_env_sample.py)."""

from django.core.exceptions import ImproperlyConfigured

from vigil.core.env import env_bool, env_int, env_json, env_list, env_prefixed, env_str
from vigil.settings.home import VAR_DIR, VIGIL_HOME

# accounts (console sign-in, roles, audit)
# JWT signing keys for console access tokens (HS256), not DJANGO_SECRET_KEY: the first
# signs, all verify (rotate by putting a new key first). `make env` writes one.
VIGIL_JWT_KEYS = env_list("VIGIL_JWT_KEYS")
AUTH_ACCESS_TOKEN_SECONDS = env_int("AUTH_ACCESS_TOKEN_SECONDS", 900, minimum=30)
if AUTH_ACCESS_TOKEN_SECONDS > 900:
    raise ImproperlyConfigured("AUTH_ACCESS_TOKEN_SECONDS must be at most 900 (15 minutes)")
AUTH_REFRESH_TOKEN_SECONDS = env_int("AUTH_REFRESH_TOKEN_SECONDS", 7 * 86400, minimum=300)
# The refresh cookie is Secure whenever the request came over HTTPS; force it here.
AUTH_COOKIE_SECURE = env_bool("AUTH_COOKIE_SECURE", False)
AUTH_LOGIN_FREE_FAILURES_PER_USER = env_int("AUTH_LOGIN_FREE_FAILURES_PER_USER", 5, minimum=1)
AUTH_LOGIN_FREE_FAILURES_PER_IP = env_int("AUTH_LOGIN_FREE_FAILURES_PER_IP", 20, minimum=1)
AUTH_LOGIN_MAX_BACKOFF_SECONDS = env_int("AUTH_LOGIN_MAX_BACKOFF_SECONDS", 900, minimum=1)
AUTH_LOGIN_FAILURE_WINDOW_SECONDS = env_int("AUTH_LOGIN_FAILURE_WINDOW_SECONDS", 3600, minimum=60)


# alerts (ingest)
# Per-driver webhook secrets, driver slug → secret, from every WEBHOOK_SECRET_<DRIVER>
# variable set: that driver's requests must then carry a valid signature. The driver
# registry (vigil/alerts/drivers/) says which names are valid; check alerts.W003 names
# a variable no driver reads.
WEBHOOK_SECRETS = env_prefixed("WEBHOOK_SECRET_")
WEBHOOK_REQUIRE_SIGNATURE = env_bool("WEBHOOK_REQUIRE_SIGNATURE", False)
WEBHOOK_MAX_BODY_BYTES = env_int("WEBHOOK_MAX_BODY_BYTES", 1024 * 1024, minimum=1024)
WEBHOOK_MAX_DEPTH = env_int("WEBHOOK_MAX_DEPTH", 32, minimum=4)
# Alerts one webhook request may carry; above it the request is refused with 413.
WEBHOOK_MAX_ALERTS = env_int("WEBHOOK_MAX_ALERTS", 1000, minimum=1)
WEBHOOK_SIGNATURE_TOLERANCE = env_int("WEBHOOK_SIGNATURE_TOLERANCE", 300, minimum=1)
ALERTS_REOPEN_WINDOW_SECONDS = env_int("ALERTS_REOPEN_WINDOW_SECONDS", 3600, minimum=0)
ALERTS_FLAP_THRESHOLD = env_int("ALERTS_FLAP_THRESHOLD", 5, minimum=1)
ALERTS_FLAP_WINDOW_SECONDS = env_int("ALERTS_FLAP_WINDOW_SECONDS", 900, minimum=1)
# Concurrent webhooks in one process share a transaction up to this many events
# (group commit, docs/alerts.md); 0 gives every request its own transaction.
ALERTS_GROUP_COMMIT_MAX_EVENTS = env_int("ALERTS_GROUP_COMMIT_MAX_EVENTS", 500, minimum=0)
# A request with more events than this is written in a transaction of its own, beside
# the group commit, instead of holding the batch that small requests share (PostgreSQL).
ALERTS_GROUP_COMMIT_ALONE_ABOVE = env_int("ALERTS_GROUP_COMMIT_ALONE_ABOVE", 100, minimum=1)
# Batches a process may have in flight at once on PostgreSQL (SQLite: always one).
ALERTS_GROUP_COMMIT_WRITERS = env_int("ALERTS_GROUP_COMMIT_WRITERS", 1, minimum=1)
# Live updates (GET /alerts/incidents/changes/?wait=N): requests a process lets hold a
# request thread while waiting for a change; others answer at once. Keep well under
# `vigil serve --threads`.
LIVE_UPDATES_MAX_WAITERS = env_int("LIVE_UPDATES_MAX_WAITERS", 2, minimum=0)
LIVE_UPDATES_POLL_SECONDS = env_int("LIVE_UPDATES_POLL_MS", 500, minimum=50) / 1000
ALERTS_GROUPING = env_str("ALERTS_GROUPING", "fingerprint")
if ALERTS_GROUPING not in {"fingerprint", "source"}:
    raise ImproperlyConfigured(
        f"ALERTS_GROUPING={ALERTS_GROUPING!r} is not valid; use fingerprint or source"
    )


# checkers
# This machine's name in results, Prometheus labels and push_to_hub payloads; empty: the
# host name (vigil.checkers.checkers.base.node_name()).
VIGIL_NODE_NAME = env_str("VIGIL_NODE_NAME")
# {"disk": {"warning": 85, "critical": 95}}: overrides each checker's default limits.
CHECKER_THRESHOLDS = env_json("CHECKER_THRESHOLDS", {})
# {"db-1": {"disk": {"warning": 70}}}: per-node limits, applied after CHECKER_THRESHOLDS.
CHECKER_NODE_THRESHOLDS = env_json("CHECKER_NODE_THRESHOLDS", {})
# Checkers run when none are named; empty: every checker that applies to this machine.
CHECKER_DEFAULT_SUITE = env_list("CHECKER_DEFAULT_SUITE")
# Seconds each checker may take before it is reported unknown.
CHECKER_TIMEOUT = env_int("CHECKER_TIMEOUT", 5, minimum=1)
# Window for cpu and diskio rates when there is no recent previous sample (milliseconds).
CHECKER_SAMPLE_MS = env_int("CHECKER_SAMPLE_MS", 200, minimum=20)
# Seconds the CHECK stage's results for this machine are shared by later runs (a burst of
# alerts measures once); each run's output says when they were taken. 0: every run measures.
CHECKER_REUSE_SECONDS = env_int("CHECKER_REUSE_SECONDS", 10, minimum=0)
# Days of CheckRun rows kept; older ones are deleted as new results are saved. 0 keeps all.
CHECKER_RETENTION_DAYS = env_int("CHECKER_RETENTION_DAYS", 30, minimum=0)
CHECKER_DISK_PATHS = env_list("CHECKER_DISK_PATHS")
CHECKER_PROCESSES = env_list("CHECKER_PROCESSES")
CHECKER_HOSTS = env_list("CHECKER_HOSTS")
CHECKER_PORTS_ALLOWED = env_list("CHECKER_PORTS_ALLOWED")
CHECKER_PORTS_LOOPBACK = env_bool("CHECKER_PORTS_LOOPBACK", False)
CHECKER_TLS_TARGETS = env_list("CHECKER_TLS_TARGETS")
CHECKER_TLS_CA_FILE = env_str("CHECKER_TLS_CA_FILE")
CHECKER_FRESHNESS = env_list("CHECKER_FRESHNESS")
CHECKER_LARGE_DIRS_PATHS = env_list("CHECKER_LARGE_DIRS_PATHS", ["/var"])
VIGIL_HUB_URL = env_str("VIGIL_HUB_URL")
VIGIL_HUB_API_KEY = env_str("VIGIL_HUB_API_KEY")
VIGIL_HUB_SECRET = env_str("VIGIL_HUB_SECRET")


# nodes (the host an alert names: agents, node_exporter, Prometheus, probes)
# Hosts the hub may scrape and probe because an alert names them: names, *.suffix
# patterns, addresses or CIDR networks. A host in none of them is not contacted.
NODES_ALLOWED_HOSTS = env_list("NODES_ALLOWED_HOSTS")
# {"generic": ["server", "host"]}: the labels that name the host, per alert source.
NODES_HOST_FIELDS = env_json("NODES_HOST_FIELDS", {})
# A TOML file of known hosts ([[node]] name, aliases, addresses, node_exporter_url, …).
NODES_FILE = env_str("NODES_FILE")
# An alert's instance on one of these ports is a node_exporter (scraped at /metrics).
NODES_NODE_EXPORTER_PORTS = env_list("NODES_NODE_EXPORTER_PORTS", ["9100"])
# A Prometheus (base URL) to ask about the host with instant queries; empty: none, or
# the alert's generatorURL when its host is in NODES_ALLOWED_HOSTS.
NODES_PROMETHEUS_URL = env_str("NODES_PROMETHEUS_URL")
# Also ping the host (ICMP) when the alert is about reachability.
NODES_PROBE_ICMP = env_bool("NODES_PROBE_ICMP", False)
# An agent's results younger than this are used as they are; older, a fresh run is asked.
NODES_AGENT_FRESH_SECONDS = env_int("NODES_AGENT_FRESH_SECONDS", 120, minimum=1)
# How long the CHECK stage waits for the fresh run it asked an agent for.
NODES_AGENT_WAIT_SECONDS = env_int("NODES_AGENT_WAIT_SECONDS", 8, minimum=0)
# Hosts checked per incident (an Alertmanager group may name many).
NODES_MAX_HOSTS = env_int("NODES_MAX_HOSTS", 5, minimum=1)
# Reports kept per node (each agent run is one).
NODES_REPORTS_KEPT = env_int("NODES_REPORTS_KEPT", 20, minimum=1)
# `vigil agent`: seconds between runs, between polls for requests, and its spool.
VIGIL_AGENT_INTERVAL = env_int("VIGIL_AGENT_INTERVAL", 60, minimum=1)
VIGIL_AGENT_POLL_SECONDS = env_int("VIGIL_AGENT_POLL_SECONDS", 5, minimum=1)
VIGIL_AGENT_SPOOL_DIR = env_str("VIGIL_AGENT_SPOOL_DIR") or str(VAR_DIR / "agent-spool")
VIGIL_AGENT_SPOOL_MAX = env_int("VIGIL_AGENT_SPOOL_MAX", 1440, minimum=1)


# intelligence
# Where the local provider looks for large directories, old logs and caches. Each root must
# also be inside ALLOWED_FILESYSTEM_ROOTS; symlinks are never followed out of a root.
INTELLIGENCE_SCAN_ROOTS = env_list(
    "INTELLIGENCE_SCAN_ROOTS",
    ["/var/log", "/var/cache", "/var/lib", "/tmp", "/home", "/opt", "/srv"],  # noqa: S108
)
INTELLIGENCE_SCAN_MAX_ENTRIES = env_int("INTELLIGENCE_SCAN_MAX_ENTRIES", 50_000, minimum=100)
INTELLIGENCE_SCAN_MAX_SECONDS = float(env_int("INTELLIGENCE_SCAN_MAX_MS", 2000, minimum=50)) / 1000
INTELLIGENCE_OLD_LOG_DAYS = env_int("INTELLIGENCE_OLD_LOG_DAYS", 14, minimum=1)
INTELLIGENCE_TOP_N = env_int("INTELLIGENCE_TOP_N", 10, minimum=1)
INTELLIGENCE_CPU_SAMPLE_SECONDS = (
    float(env_int("INTELLIGENCE_CPU_SAMPLE_MS", 200, minimum=0)) / 1000
)
# Seconds the local diagnosis of this machine (disk walk, top processes) is shared by later
# runs; each analysis says when it was taken. 0: every analysis measures.
INTELLIGENCE_REUSE_SECONDS = env_int("INTELLIGENCE_REUSE_SECONDS", 10, minimum=0)
# Similar past incidents: how many recent resolved incidents are compared, how many are
# shown, and the cosine similarity (0-100) below which a match is not worth showing.
INTELLIGENCE_SIMILAR_CORPUS = env_int("INTELLIGENCE_SIMILAR_CORPUS", 500, minimum=1)
INTELLIGENCE_SIMILAR_LIMIT = env_int("INTELLIGENCE_SIMILAR_LIMIT", 3, minimum=0)
INTELLIGENCE_SIMILAR_MIN_SCORE = env_int("INTELLIGENCE_SIMILAR_MIN_SCORE", 20, minimum=0) / 100
# Seconds an LLM provider may take before the local provider answers instead.
INTELLIGENCE_PROVIDER_TIMEOUT = float(env_int("INTELLIGENCE_PROVIDER_TIMEOUT", 30, minimum=1))
# Characters of incident and check data sent in one prompt (after redaction).
INTELLIGENCE_PROMPT_MAX_CHARS = env_int("INTELLIGENCE_PROMPT_MAX_CHARS", 16_000, minimum=1000)
# Days of AnalysisRun rows kept (0: keep them all).
INTELLIGENCE_RETENTION_DAYS = env_int("INTELLIGENCE_RETENTION_DAYS", 90, minimum=0)


# notify
# Links in notifications point here (e.g. https://vigil.example.com); empty: no link.
NOTIFY_LINK_BASE_URL = env_str("NOTIFY_LINK_BASE_URL")
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 8, minimum=1)
NOTIFY_RETRY_BASE_SECONDS = env_int("NOTIFY_RETRY_BASE_SECONDS", 30, minimum=1)
NOTIFY_RETRY_MAX_SECONDS = env_int("NOTIFY_RETRY_MAX_SECONDS", 3600, minimum=1)
NOTIFY_DISABLE_AFTER = env_int("NOTIFY_DISABLE_AFTER", 5, minimum=1)
NOTIFY_LEASE_SECONDS = env_int("NOTIFY_LEASE_SECONDS", 120, minimum=10)
# Messages for a disabled channel are held and sent once it is enabled again; held
# longer than this, they expire (dead).
NOTIFY_HOLD_HOURS = env_int("NOTIFY_HOLD_HOURS", 24, minimum=1)
NOTIFY_TEMPLATE_DIRS = env_list("NOTIFY_TEMPLATE_DIRS")
NOTIFY_TEMPLATE_LIMITS = {
    "max_output": env_int("NOTIFY_TEMPLATE_MAX_OUTPUT", 65_536, minimum=1024),
    "max_range": env_int("NOTIFY_TEMPLATE_MAX_RANGE", 1_000, minimum=1),
    "max_seconds": env_int("NOTIFY_TEMPLATE_MAX_MS", 1_000, minimum=10) / 1000,
}


# orchestration
# Celery is optional: when CELERY_BROKER_URL is set, committed runs are also published as
# Celery tasks. The run row stays the source of truth; a message only wakes a worker.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A dead broker must not hold a webhook response: publish once, fail fast, let the
# reconciler republish.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
}
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "vigil")
ORCHESTRATION_LEASE_SECONDS = env_int("ORCHESTRATION_LEASE_SECONDS", 60, minimum=3)
ORCHESTRATION_POLL_MS = env_int("ORCHESTRATION_POLL_MS", 200, minimum=10)
ORCHESTRATION_CONCURRENCY = env_int("ORCHESTRATION_CONCURRENCY", 4, minimum=1)
ORCHESTRATION_BATCH_SIZE = env_int("ORCHESTRATION_BATCH_SIZE", 16, minimum=1)
ORCHESTRATION_MAX_ATTEMPTS = env_int("ORCHESTRATION_MAX_ATTEMPTS", 5, minimum=1)
ORCHESTRATION_RETRY_BASE_SECONDS = env_int("ORCHESTRATION_RETRY_BASE_SECONDS", 10, minimum=1)
ORCHESTRATION_RETRY_MAX_SECONDS = env_int("ORCHESTRATION_RETRY_MAX_SECONDS", 900, minimum=1)
ORCHESTRATION_STALE_SECONDS = env_int("ORCHESTRATION_STALE_SECONDS", 60, minimum=1)
ORCHESTRATION_CHECK_TIMEOUT = env_int("ORCHESTRATION_CHECK_TIMEOUT", 10, minimum=1)
ORCHESTRATION_HEALTH_CHECK_INTERVAL = env_int("ORCHESTRATION_HEALTH_CHECK_INTERVAL", 0, minimum=0)
ORCHESTRATION_RECONCILE_INTERVAL = env_int("ORCHESTRATION_RECONCILE_INTERVAL", 30, minimum=1)
ORCHESTRATION_RETENTION_DAYS = env_int("ORCHESTRATION_RETENTION_DAYS", 30, minimum=0)
ORCHESTRATION_EMBEDDED_WORKER = env_bool("ORCHESTRATION_EMBEDDED_WORKER", True)
# Stage slug → dotted path of a replacement service function (advanced; see orchestration.md).
# How long a process reuses the routing lanes, the active intelligence provider and the
# notification channels it read: a change made in another process (the admin, the API) applies within this many
# seconds; a change made in the same process applies at once. 0 reads them for every run.
CONFIG_RELOAD_SECONDS = env_int("CONFIG_RELOAD_SECONDS", 2, minimum=0)
ORCHESTRATION_STAGE_SERVICES = env_json("ORCHESTRATION_STAGE_SERVICES", {})


# secretscan
# Repositories the scheduler scans (absolute paths, working copies or bare mirrors, each
# must lie under ALLOWED_FILESYSTEM_ROOTS).
SECRETSCAN_REPOSITORIES = env_list("SECRETSCAN_REPOSITORIES")
# Seconds between a repository's scans of new commits, active branches' trees and hooks
# (0: never), and between its full history scans (0: never).
SECRETSCAN_TREE_INTERVAL = env_int("SECRETSCAN_TREE_INTERVAL", 86400, minimum=0)
SECRETSCAN_HISTORY_INTERVAL = env_int("SECRETSCAN_HISTORY_INTERVAL", 604800, minimum=0)
# A branch is active when its tip was committed within this many days.
SECRETSCAN_ACTIVE_BRANCH_DAYS = env_int("SECRETSCAN_ACTIVE_BRANCH_DAYS", 30, minimum=1)
# An extra rules file (TOML, the format of vigil/secretscan/rules.toml) for every scan.
SECRETSCAN_RULES_FILE = env_str("SECRETSCAN_RULES_FILE")
# Processes for history scans; 0 = one per CPU.
SECRETSCAN_WORKERS = env_int("SECRETSCAN_WORKERS", 0, minimum=0)
# Findings below this confidence are not reported: high, medium or low (docs/secretscan.md).
SECRETSCAN_MIN_CONFIDENCE = env_str("SECRETSCAN_MIN_CONFIDENCE", "medium")
if SECRETSCAN_MIN_CONFIDENCE not in {"high", "medium", "low"}:
    raise ImproperlyConfigured(
        f"SECRETSCAN_MIN_CONFIDENCE={SECRETSCAN_MIN_CONFIDENCE!r} is not valid; "
        "use high, medium or low"
    )
# Failed sign-ins or refused API keys from one address that open an incident, counted in
# windows of this many seconds (0 for either: not watched).
SECURITY_AUTH_FAILURE_LIMIT = env_int("SECURITY_AUTH_FAILURE_LIMIT", 10, minimum=0)
SECURITY_AUTH_FAILURE_WINDOW = env_int("SECURITY_AUTH_FAILURE_WINDOW", 300, minimum=0)
# Files whose every change opens an incident (empty: Vigil's own .env).
SECURITY_WATCHED_FILES = env_list("SECURITY_WATCHED_FILES") or [str(VIGIL_HOME / ".env")]
# Seconds between looks at sign-in bursts and watched files; 0 turns the watch off.
SECURITY_WATCH_INTERVAL = env_int("SECURITY_WATCH_INTERVAL", 60, minimum=0)

# bot (the Telegram bot: `vigil bot`, docs/bot.md)
# Empty: no bot (`vigil bot` refuses to start, notifications carry no buttons).
TELEGRAM_BOT_TOKEN = env_str("TELEGRAM_BOT_TOKEN")
# Another value only for a local Bot API server: checked like every outbound URL.
TELEGRAM_API_BASE_URL = env_str("TELEGRAM_API_BASE_URL", "https://api.telegram.org")
