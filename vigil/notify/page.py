"""What a page says: what the person on call needs, from the incident and what the
stages found, in plain data every driver can show.

- the alerts' own words (summary, description), the host and the labels that identify
  them;
- where to look: the runbook, the source's page (Alertmanager's generatorURL, Grafana's
  panel and dashboard, the vendor's incident), the incident in Vigil, similar past
  incidents;
- what was checked and found, the analysis headline and what it recommends;
- for a person's action, who did it and their note; for a resolution, how long it
  lasted and who or what resolved it.

Stage findings are read generically (each check result's name, target, status and
message), so a stage that learns something new shows it without a change here. A
checker with nothing to check ("nothing to check: configure …") is configuration, not
news: it is left out (`vigil preflight` reports it).
"""

import re
from datetime import datetime
from typing import Any

# Where vendors put a runbook, first found wins (annotations, then labels).
RUNBOOK_KEYS = ("runbook_url", "runbook", "runbookURL", "runbookUrl", "runbook_link",
                "playbook_url", "playbook")  # fmt: skip
# The source's own page for the alert, with the label a person reads.
SOURCE_KEYS = {
    "panelURL": "Grafana panel",
    "dashboardURL": "Grafana dashboard",
    "generator_url": "Source",
    "generatorURL": "Source",
    "html_url": "PagerDuty incident",
    "issue_url": "New Relic issue",
    "incident_url": "New Relic incident",
    "link": "Datadog event",
    "event_url": "Zabbix event",
    "rule_url": "Grafana rule",
    "source_url": "Source",
    "url": "Source",
}
# Labels naming the machine, most specific first.
HOST_LABELS = ("host", "hostname", "host_name", "instance", "node", "nodename", "server",
               "target", "entities")  # fmt: skip
# Labels that say nothing a page's title and severity do not already say.
QUIET_LABELS = {"alertname", "severity", "__name__", "priority", "urgency"}
MAX_ALERTS = 5
MAX_LABELS = 12
MAX_LINKS = 10
_NOT_NEWS = "nothing to check"
_INCIDENT_REF = re.compile(r"incident #(\d+)")


def describe(snapshot: dict, analysis: dict | None, check_results: list[dict] | None,
             link_for) -> dict[str, Any]:  # fmt: skip
    """Notification fields (text, fields, links) for this incident; `link_for(id)` is
    the URL of an incident in Vigil, or ''."""
    alerts = snapshot.get("alerts") or []
    analysis = analysis or {}
    text = [
        *_action_lines(snapshot),
        *_resolution_lines(snapshot),
        *_alert_lines(snapshot, alerts),
        *_check_lines(check_results or []),
        *_recommendation_lines(analysis),
    ]
    return {
        "text": "\n".join(line for line in text if line),
        "fields": _fields(snapshot, alerts),
        "links": _links(alerts, analysis, link_for),
        "analysis_summary": str(analysis.get("summary") or ""),
    }


def _action_lines(snapshot: dict) -> list[str]:
    action = snapshot.get("action") or {}
    if not action:
        return []
    verb = {"acknowledged": "Acknowledged", "resolved": "Resolved", "closed": "Closed"}.get(
        action.get("status"), "Changed"
    )
    lasted = ""
    if action.get("status") in ("resolved", "closed"):
        lasted = _duration(snapshot.get("opened_at"), snapshot.get("resolved_at"))
    after = f" after {lasted}" if lasted else ""
    note = f": {action['note']}" if action.get("note") else ""
    return [f"{verb} by {action.get('by') or 'someone'}{after}{note}"]


def _resolution_lines(snapshot: dict) -> list[str]:
    if snapshot.get("status") not in ("resolved", "closed") or snapshot.get("action"):
        return []
    lasted = _duration(snapshot.get("opened_at"), snapshot.get("resolved_at"))
    who = snapshot.get("resolved_by") or ""
    if who and who == snapshot.get("source"):
        who = f"{who} (its alerts resolved)"
    parts = ["Resolved"]
    if lasted:
        parts.append(f"after {lasted}")
    if who:
        parts.append(f"by {who}")
    line = " ".join(parts)
    if snapshot.get("resolution_note"):
        line += f": {snapshot['resolution_note']}"
    return [line]


def _duration(start: str | None, end: str | None) -> str:
    try:
        seconds = int((datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())
    except (TypeError, ValueError):
        return ""
    if seconds < 60:
        return f"{max(seconds, 0)} s"
    minutes, hours, days = seconds // 60 % 60, seconds // 3600 % 24, seconds // 86400
    units = [(days, "d"), (hours, "h"), (minutes, "min")]
    return " ".join(f"{value} {unit}" for value, unit in units if value) or "0 min"


def _alert_lines(snapshot: dict, alerts: list[dict]) -> list[str]:
    lines = []
    for alert in alerts[:MAX_ALERTS]:
        annotations = alert.get("annotations") or {}
        words = []
        for said in (annotations.get("summary"), alert.get("description")):
            said = str(said or "").strip()
            if said and said not in words and not any(said in word for word in words):
                words.append(said)
        if len(alerts) > 1 or alert.get("name") != snapshot.get("title"):
            status = f" [{alert['status']}]" if alert.get("status") == "resolved" else ""
            lines.append(f"{alert.get('name', '')}{status}" + (f": {words[0]}" if words else ""))
            lines += words[1:]
        else:
            lines += words
    if len(alerts) > MAX_ALERTS:
        lines.append(f"… and {len(alerts) - MAX_ALERTS} more alerts")
    return lines


def _check_lines(results: list[dict]) -> list[str]:
    news = [r for r in results if not str(r.get("message") or "").startswith(_NOT_NEWS)]
    if not news:
        return []
    found = [r for r in news if r.get("status") not in ("ok", None)]
    fine = [_check_name(r) for r in news if r.get("status") == "ok"]
    lines = [f"Found: {_check_name(r)} {r.get('status')}: {r.get('message') or ''}".rstrip(": ")
             for r in found]  # fmt: skip
    if fine:
        lines.append(f"Checked, fine: {', '.join(dict.fromkeys(fine))}")
    return lines


def _check_name(result: dict) -> str:
    name = str(result.get("check") or result.get("name") or "check")
    if result.get("target"):
        name = f"{name} {result['target']}"
    if result.get("host"):  # the CHECK stage names the host each result is about
        name = f"{name} on {result['host']}"
    return name


def _recommendation_lines(analysis: dict) -> list[str]:
    titles = [_title(item) for item in (analysis.get("recommendations") or [])[:5]]
    titles = [title for title in titles if title]
    return ["Recommended: " + "; ".join(titles)] if titles else []


def _title(item: Any) -> str:
    # ANALYZE gives {"title", "detail", "priority", "commands", …}; older shapes are text.
    if isinstance(item, dict):
        return str(item.get("title") or item.get("detail") or "")
    return str(item)


def _fields(snapshot: dict, alerts: list[dict]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for alert in alerts:
        for key, value in (alert.get("labels") or {}).items():
            labels.setdefault(str(key), str(value))
    for key, value in (snapshot.get("labels") or {}).items():
        labels.setdefault(str(key), str(value))
    fields: dict[str, str] = {}
    host_key = next((key for key in HOST_LABELS if labels.get(key)), None)
    if host_key:
        fields["host"] = labels[host_key]
    for name in ("source", "environment"):
        if snapshot.get(name):
            fields[name] = str(snapshot[name])
    if len(alerts) > 1:
        fields["alerts"] = str(len(alerts))
    if snapshot.get("flapping"):
        fields["flapping"] = "yes"
    action = snapshot.get("action") or {}
    if action.get("by"):
        fields[f"{action.get('status', 'changed')} by"] = str(action["by"])
    if action.get("note"):
        fields["note"] = str(action["note"])
    shown = [
        (key, value)
        for key, value in labels.items()
        if key not in QUIET_LABELS and key != host_key and value and key not in fields
    ]
    for key, value in shown[:MAX_LABELS]:
        fields[key] = value
    return fields


def _links(alerts: list[dict], analysis: dict, link_for) -> dict[str, str]:
    links: dict[str, str] = {}
    for alert in alerts:
        places = {**(alert.get("labels") or {}), **(alert.get("annotations") or {})}
        runbook = next((places[key] for key in RUNBOOK_KEYS if _is_url(places.get(key))), None)
        if runbook:
            links.setdefault("Runbook", str(runbook))
        for key, label in SOURCE_KEYS.items():
            if _is_url(places.get(key)):
                links.setdefault(label, str(places[key]))
    for item in analysis.get("recommendations") or []:
        found = _INCIDENT_REF.search(_title(item))
        url = link_for(int(found.group(1))) if found else ""
        if url:
            links.setdefault(f"Similar incident #{found.group(1)}", url)
    return dict(list(links.items())[:MAX_LINKS])


def _is_url(value: Any) -> bool:
    # Only web links: a page must never carry javascript: or a file path as a link.
    return (
        isinstance(value, str) and value.startswith(("https://", "http://")) and len(value) < 2000
    )
