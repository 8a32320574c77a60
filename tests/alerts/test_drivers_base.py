from datetime import UTC, datetime

import pytest

from vigil.alerts.drivers.base import (
    AlertEvent,
    PayloadError,
    bounded_id,
    fingerprint_of,
    normalise_severity,
    parse_timestamp,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-23T10:00:00Z", datetime(2026, 11, 23, 10, tzinfo=UTC)),
        ("2026-11-23T10:00:00.123456789Z", datetime(2026, 11, 23, 10, 0, 0, 123456, tzinfo=UTC)),
        (1795428000, datetime(2026, 11, 23, 10, tzinfo=UTC)),
        ("1795428000000", datetime(2026, 11, 23, 10, tzinfo=UTC)),
        (1795428000000000000, datetime(2026, 11, 23, 10, tzinfo=UTC)),
        ("0001-01-01T00:00:00Z", None),
        ("", None),
        (None, None),
    ],
)
def test_timestamps_in_every_vendor_form(raw, expected):
    warnings = []
    assert parse_timestamp(raw, "startsAt", warnings) == expected
    assert warnings == []


@pytest.mark.parametrize("raw", ["yesterday", "2026-13-45T99:00:00Z"])
def test_unparseable_timestamp_is_a_recorded_warning_never_now(raw):
    warnings = []
    assert parse_timestamp(raw, "alerts[0].startsAt", warnings) is None
    assert len(warnings) == 1
    assert warnings[0].startswith("alerts[0].startsAt: unparseable timestamp")


@pytest.mark.parametrize("raw", [True, {"t": 1}, [1795428000]])
def test_timestamp_of_the_wrong_json_type_is_a_payload_error_naming_it(raw):
    with pytest.raises(PayloadError) as info:
        parse_timestamp(raw, "alerts[0].startsAt", [])
    assert info.value.field == "alerts[0].startsAt"


def test_naive_timestamp_is_read_in_the_configured_time_zone(settings):
    settings.TIME_ZONE = "Europe/Paris"
    stamp = parse_timestamp("2026-11-23T10:00:00", "t", [])
    assert stamp.utcoffset().total_seconds() == 3600


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CRITICAL", "critical"),
        ("High", "critical"),
        ("P1", "critical"),
        ("Disaster", "critical"),
        ("warning", "warning"),
        ("Average", "warning"),
        ("P3", "warning"),
        ("info", "info"),
        ("Not classified", "info"),
        ("P5", "info"),
        ("something-else", "warning"),
    ],
)
def test_severity_words_map_to_three_levels_keeping_the_raw_value(raw, expected):
    assert normalise_severity(raw) == (expected, raw)


def test_missing_severity_takes_the_default_with_empty_raw():
    assert normalise_severity(None) == ("warning", "")
    assert normalise_severity("", default="info") == ("info", "")


def test_fingerprint_hash_ignores_label_order_and_changes_with_labels():
    assert fingerprint_of("A", {"x": "1", "y": "2"}) == fingerprint_of("A", {"y": "2", "x": "1"})
    assert fingerprint_of("A", {"x": "1"}) != fingerprint_of("A", {"x": "2"})
    assert len(fingerprint_of("A", {})) == 64


def test_long_source_ids_are_hashed_short_ones_kept():
    assert bounded_id("abc") == "abc"
    assert bounded_id("x" * 300).startswith("sha256:")
    assert len(bounded_id("x" * 300)) <= 255


def test_event_rejects_an_unknown_status():
    with pytest.raises(PayloadError, match="status 'burning'"):
        AlertEvent(source="generic", fingerprint="f", name="n", status="burning")
