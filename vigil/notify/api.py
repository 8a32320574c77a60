"""/notify/: send, batch, drivers and their config schemas, channels."""

from datetime import datetime
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field, field_validator

from vigil.core.pages import Page, PageQuery, page_of
from vigil.core.responses import json_error
from vigil.notify.drivers import DRIVERS, ConfigError, get_driver
from vigil.notify.drivers.base import masked_config, merge_masked, validate_config
from vigil.notify.message import DeliveryOutcome, InvalidNotification, Notification
from vigil.notify.models import NotificationChannel
from vigil.notify.services import send_message, test_channel

router = Router(tags=["notify"])
MAX_BATCH = 50


class MessageIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    text: str = Field("", max_length=20_000)
    severity: Literal["critical", "warning", "info"] = "warning"
    status: Literal["firing", "acknowledged", "resolved"] = "firing"
    incident_id: int | None = None
    dedup_key: str = Field("", max_length=255)
    url: str = Field("", max_length=2000)
    fields: dict[str, str] = Field(default_factory=dict, max_length=50)
    analysis_summary: str = Field("", max_length=5000)

    @field_validator("url")
    @classmethod
    def _link(cls, value: str) -> str:
        # Shown as a link to people: only web links, never javascript: or data:.
        if value and not value.lower().startswith(("https://", "http://")):
            raise ValueError("url must start with https:// or http://")
        return value

    def notification(self) -> Notification:
        try:
            return Notification(**self.model_dump())
        except InvalidNotification as exc:
            raise HttpError(400, str(exc)) from None


class SendIn(Schema):
    channels: list[str] = Field(min_length=1, max_length=20)
    message: MessageIn


class DriverSendIn(Schema):
    config: dict[str, Any]
    message: MessageIn


class BatchItemIn(Schema):
    channels: list[str] = Field(default_factory=list, max_length=20)
    driver: str | None = None
    config: dict[str, Any] | None = None
    message: MessageIn


class BatchIn(Schema):
    items: list[BatchItemIn] = Field(min_length=1, max_length=MAX_BATCH)


CHANNEL_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


class ChannelOut(Schema):
    id: int
    name: str
    driver: str
    active: bool
    config: dict[str, Any] = Field(description="secrets masked: *** and the last 4 characters")
    min_interval_seconds: float
    last_error: str
    last_error_at: datetime | None
    last_success_at: datetime | None
    consecutive_failures: int


class DriverOut(Schema):
    slug: str
    label: str
    secret_fields: list[str]
    min_interval_seconds: float
    schema_: dict[str, Any] | None = Field(
        None, alias="schema", description="the config's JSON schema (one driver's route only)"
    )


class OutcomeOut(Schema):
    channel: str
    status: str = Field(description="sent, already_sent, retry, failed, dead or skipped")
    delivery_id: int | None
    error: str
    retry_at: datetime | None
    attempts: int


class ChannelIn(Schema):
    name: str = Field(min_length=1, max_length=100, pattern=CHANNEL_NAME)
    driver: str
    config: dict[str, Any]
    active: bool = True
    min_interval_seconds: float = Field(0, ge=0, le=3600)


class ChannelPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100, pattern=CHANNEL_NAME)
    config: dict[str, Any] | None = Field(
        None,
        description="the driver's config; a secret left out, or sent back masked as the "
        "API showed it, keeps its stored value",
    )
    active: bool | None = None
    min_interval_seconds: float | None = Field(None, ge=0, le=3600)


def channel_out(channel: NotificationChannel) -> dict[str, Any]:
    driver = DRIVERS.get(channel.driver)
    return {
        "id": channel.pk,
        "name": channel.name,
        "driver": channel.driver,
        "active": channel.active,
        "config": masked_config(driver, channel.config) if driver else {},
        "min_interval_seconds": channel.min_interval_seconds,
        "last_error": channel.last_error,
        "last_error_at": channel.last_error_at,
        "last_success_at": channel.last_success_at,
        "consecutive_failures": channel.consecutive_failures,
    }


def driver_out(slug: str, with_schema: bool) -> dict[str, Any]:
    driver = DRIVERS[slug]
    data: dict[str, Any] = {
        "slug": slug,
        "label": driver.label,
        "secret_fields": driver.Config.secret_fields(),
        "min_interval_seconds": driver.min_interval,
    }
    if with_schema:
        data["schema"] = driver.Config.model_json_schema()
    return data


def _driver_or_404(slug: str):
    try:
        return get_driver(slug)
    except ConfigError as exc:
        raise HttpError(404, str(exc)) from None


def _check_config(driver, config: dict[str, Any]) -> None:
    try:
        validate_config(driver, config)
    except ConfigError as exc:
        raise HttpError(422, f"invalid {driver.slug} config: {exc}") from None


def _check_channels(names: list[str]) -> None:
    known = set(NotificationChannel.objects.filter(name__in=names).values_list("name", flat=True))
    missing = [name for name in names if name not in known]
    if missing:
        raise HttpError(404, f"no channel named {', '.join(repr(n[:100]) for n in missing)}")


def _answer(outcomes: list[DeliveryOutcome]) -> JsonResponse:
    body = [outcome.to_dict() for outcome in outcomes]
    # A disabled channel ("held") did not deliver either: the caller must know.
    if any(outcome.status not in ("sent", "already_sent", "retry") for outcome in outcomes):
        return json_error(502, "delivery failed", {"outcomes": body})
    pending = any(outcome.status == "retry" for outcome in outcomes)
    return JsonResponse({"outcomes": body}, status=202 if pending else 200)


@router.post("/send/", summary="Send a message to saved channels")
def send(request, payload: SendIn):
    _check_channels(payload.channels)
    return _answer(send_message(payload.message.notification(), channel_names=payload.channels))


@router.post("/send/{driver}/", summary="Send a message through a driver with a given config")
def send_driver(request, driver: str, payload: DriverSendIn):
    driver_cls = _driver_or_404(driver)
    _check_config(driver_cls, payload.config)
    message = payload.message.notification()
    return _answer(send_message(message, driver=driver_cls.slug, config=payload.config))


@router.post("/batch/", summary="Send several messages; all are validated before any is sent")
def batch(request, payload: BatchIn):
    for index, item in enumerate(payload.items):
        if bool(item.channels) == (item.driver is not None):
            raise HttpError(400, f"items[{index}]: give either channels or driver and config")
        if item.driver is not None:
            _check_config(_driver_or_404(item.driver), item.config or {})
        else:
            _check_channels(item.channels)
    messages = [item.message.notification() for item in payload.items]
    results = []
    for item, message in zip(payload.items, messages, strict=True):
        if item.driver is not None:
            outcomes = send_message(message, driver=item.driver, config=item.config or {})
        else:
            outcomes = send_message(message, channel_names=item.channels)
        results.append([outcome.to_dict() for outcome in outcomes])
    return {"results": results}


@router.get("/drivers/", response=Page[DriverOut], by_alias=True, summary="Available drivers")
def drivers(request, page: Query[PageQuery]):
    return page_of(list(DRIVERS), page, lambda slug: driver_out(slug, with_schema=False))


@router.get(
    "/drivers/{driver}/",
    response=DriverOut,
    by_alias=True,
    summary="A driver's config schema; secret fields are marked",
)
def driver_detail(request, driver: str):
    # As built: the JSON schema's own keys ("$defs", "writeOnly") are not pydantic's to
    # rename, and "schema" is a name pydantic models keep for themselves.
    return JsonResponse(driver_out(_driver_or_404(driver).slug, with_schema=True))


@router.get("/channels/", response=Page[ChannelOut], summary="Channels, with secrets masked")
def channels(request, page: Query[PageQuery]):
    return page_of(NotificationChannel.objects.order_by("name"), page, channel_out)


@router.post("/channels/", response={201: ChannelOut}, summary="Create a channel")
def create_channel(request, payload: ChannelIn):
    driver = _driver_or_404(payload.driver)
    _check_config(driver, payload.config)
    try:
        with transaction.atomic():
            channel = NotificationChannel.objects.create(
                name=payload.name, driver=driver.slug, config=payload.config,
                active=payload.active, min_interval_seconds=payload.min_interval_seconds,
            )  # fmt: skip
    except IntegrityError:
        raise HttpError(409, f"a channel named {payload.name!r} already exists") from None
    return Status(201, channel_out(channel))


@router.get(
    "/channels/{channel_id}/", response=ChannelOut, summary="One channel, with secrets masked"
)
def channel_detail(request, channel_id: int):
    return channel_out(_channel_or_404(channel_id))


@router.patch(
    "/channels/{channel_id}/",
    response=ChannelOut,
    summary="Change a channel; secrets stay unless retyped",
)
def update_channel(request, channel_id: int, payload: ChannelPatch):
    channel = _channel_or_404(channel_id)
    changes = payload.model_dump(exclude_unset=True, exclude_none=True)
    if "config" in changes:
        driver = _driver_or_404(channel.driver)
        shown = masked_config(driver, channel.config)
        for name in driver.Config.secret_fields():
            if name in channel.config:
                changes["config"].setdefault(name, shown[name])
        try:
            changes["config"] = merge_masked(driver, channel.config, changes["config"])
        except ConfigError as exc:
            raise HttpError(422, f"invalid {driver.slug} config: {exc}") from None
        _check_config(driver, changes["config"])
    for name, value in changes.items():
        setattr(channel, name, value)
    try:
        with transaction.atomic():
            channel.save()
    except IntegrityError:
        raise HttpError(409, f"a channel named {channel.name!r} already exists") from None
    return channel_out(channel)


@router.delete("/channels/{channel_id}/", response={204: None}, summary="Delete a channel")
def delete_channel(request, channel_id: int):
    _channel_or_404(channel_id).delete()
    return Status(204, None)


@router.post("/channels/{channel_id}/test/", response=OutcomeOut, summary="Send a test message now")
def channel_test(request, channel_id: int):
    outcome = test_channel(_channel_or_404(channel_id))
    if outcome.status != "sent":
        return json_error(502, "test message failed", outcome.to_dict())
    return outcome.to_dict()


def _channel_or_404(channel_id: int) -> NotificationChannel:
    channel = NotificationChannel.objects.filter(pk=channel_id).first()
    if channel is None:
        raise HttpError(404, f"no channel with id {channel_id}")
    return channel
