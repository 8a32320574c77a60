from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from vigil.core.pages import Page, PageQuery, page_of
from vigil.nodes import registry
from vigil.nodes.models import Node

router = Router(tags=["nodes"])


class ReportOut(Schema):
    received_at: datetime
    sent_at: datetime | None
    status: str
    results: list[dict]


class NodeOut(Schema):
    name: str
    aliases: list[str]
    addresses: list[str]
    labels: dict
    origin: str
    node_exporter_url: str
    prometheus_instance: str
    last_report_at: datetime | None
    status: str | None


class RecentOut(Schema):
    received_at: datetime
    sent_at: datetime | None
    status: str


class NodeDetailOut(NodeOut):
    latest: ReportOut | None
    recent: list[RecentOut]


class RequestsOut(Schema):
    node: str
    run: bool
    checks: list[str]
    mountpoints: list[str]


def _out(node: Node, latest=None) -> dict:
    data = {
        field: getattr(node, field)
        for field in ("name", "aliases", "addresses", "labels", "origin", "node_exporter_url",
                      "prometheus_instance", "last_report_at")
    }  # fmt: skip
    data["status"] = latest.status if latest is not None else None
    return data


@router.get("/", response=Page[NodeOut], summary="Known hosts and their latest status")
def list_nodes(request: HttpRequest, page: Query[PageQuery]):
    registry.sync_nodes_file()
    listed = page_of(Node.objects.order_by("name"), page)
    latest = registry.latest_reports(listed["items"])
    listed["items"] = [_out(node, latest.get(node.pk)) for node in listed["items"]]
    return listed


@router.get(
    "/agent/requests/",
    response=RequestsOut,
    summary="For `vigil agent`: the fresh runs the CHECK stage asked of this node",
)
def agent_requests(request: HttpRequest, node: str):
    if not node.strip() or len(node) > 255:
        raise HttpError(400, "node must name the agent's node (1-255 characters)")
    return registry.take_requests(node.strip())


@router.get("/{name}/", response=NodeDetailOut, summary="One host, with its latest results")
def node_detail(request: HttpRequest, name: str):
    node = registry.find_node(name) or Node.objects.filter(name=name).first()
    if node is None:
        raise HttpError(404, f"no node named {name!r}; GET /api/nodes/ lists them")
    recent = list(node.reports.order_by("-received_at", "-id")[: settings.NODES_REPORTS_KEPT])
    data = _out(node, recent[0] if recent else None)
    data["latest"] = recent[0] if recent else None
    data["recent"] = recent
    return data
