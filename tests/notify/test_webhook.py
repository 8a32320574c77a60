import pytest

from tests.support.recording_server import Reply
from vigil.core.signing import verify
from vigil.notify.drivers import NotifyError
from vigil.notify.drivers.base import ConfigError
from vigil.notify.drivers.webhook import WebhookDriver


def test_posts_the_message_as_json_signed(recording_server, message):
    driver = WebhookDriver.from_config({
        "url": recording_server.url + "/in", "secret": "s3cret",
        "headers": {"Authorization": "Bearer abc"}})  # fmt: skip
    driver.send(message)
    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", "/in")
    assert request.headers["Authorization"] == "Bearer abc"
    assert request.json() == {"event": "vigil.notification", **message.to_dict()}
    header = request.headers["X-Vigil-Signature"]
    assert header.startswith("t=") and ",sha256=" in header
    verify("s3cret", request.body, header)  # what a receiver does


def test_unsigned_without_a_secret(recording_server, message):
    WebhookDriver.from_config({"url": recording_server.url + "/in", "method": "PUT"}).send(message)
    [request] = recording_server.requests
    assert request.method == "PUT"
    assert "X-Vigil-Signature" not in request.headers


def test_body_template_renders_json(recording_server, message):
    template = {
        "type": "inline",
        "source": '{"summary": {{ title|tojson }}, "sev": {{ severity|tojson }}}',
    }
    WebhookDriver.from_config({"url": recording_server.url, "body_template": template}).send(
        message
    )
    assert recording_server.requests[0].json() == {
        "summary": "Disk full on db-1",
        "sev": "critical",
    }


def test_body_template_that_is_not_json_is_a_permanent_error(recording_server, message):
    template = {"type": "inline", "source": "summary: {{ title }}"}
    driver = WebhookDriver.from_config({"url": recording_server.url, "body_template": template})
    with pytest.raises(NotifyError, match="did not render valid JSON") as info:
        driver.send(message)
    assert info.value.permanent
    assert recording_server.requests == []


@pytest.mark.parametrize(
    "headers,problem",
    [
        ({"Host": "evil"}, "set by Vigil"),
        ({"X-Vigil-Signature": "forged"}, "set by Vigil"),
        ({"X-A": "b\r\nInjected: 1"}, "line break"),
        ({"bad name": "x"}, "not a valid HTTP token"),
    ],
)
def test_dangerous_headers_are_refused(headers, problem):
    with pytest.raises(ConfigError, match=problem):
        WebhookDriver.from_config({"url": "https://example.com/x", "headers": headers})


def test_server_error_is_transient_with_retry_after(recording_server, message):
    recording_server.reply(Reply(status=503, body="busy", headers={"Retry-After": "30"}))
    driver = WebhookDriver.from_config({"url": recording_server.url})
    with pytest.raises(NotifyError) as info:
        driver.send(message)
    assert (info.value.permanent, info.value.retry_after) == (False, 30.0)
    assert str(info.value) == "the webhook endpoint answered HTTP 503: busy"


def test_redirects_are_not_followed(recording_server, message):
    recording_server.reply(Reply(status=302, headers={"Location": "http://10.0.0.1/"}))
    with pytest.raises(NotifyError, match="HTTP 302") as info:
        WebhookDriver.from_config({"url": recording_server.url}).send(message)
    assert info.value.permanent
    assert len(recording_server.requests) == 1


def test_literal_private_url_is_refused_at_save_time():
    with pytest.raises(ConfigError, match="url: Value error, refused URL"):
        WebhookDriver.from_config({"url": "http://169.254.169.254/latest/meta-data"})
