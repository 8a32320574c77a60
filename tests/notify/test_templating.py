"""The sandbox, template references and each resource limit."""

import json
import time

import pytest

from vigil.notify.drivers.base import ConfigError, template_context
from vigil.notify.drivers.slack import SlackDriver
from vigil.notify.templating import (
    BUILTIN_DIR,
    Limits,
    TemplateError,
    load_source,
    render_source,
    render_template,
    strip_template_keys,
)

ROOMY = Limits(max_output=10_000, max_range=100, max_seconds=5)
QUICK = Limits(max_output=10_000, max_range=100, max_seconds=0.2)


def render(source, limits=ROOMY, **context):
    return render_source(source, context, limits)


def test_renders_the_message_context(message):
    ref = {"type": "inline", "source": "{{ status_label }}: {{ title }} ({{ fields.host }})"}
    assert render_template(ref, template_context(message)) == "FIRING: Disk full on db-1 (db-1)"


@pytest.mark.parametrize("name", sorted(p.name for p in BUILTIN_DIR.iterdir()))
def test_every_builtin_template_renders(name, message):
    output = render_template(name, template_context(message))
    assert "Disk full on db-1" in output
    if name.endswith(".json.j2"):
        assert json.loads(output)["incident_id"] == 42


def test_named_template_from_a_configured_directory(settings, tmp_path):
    (tmp_path / "mine.j2").write_text("hello {{ title }}")
    settings.NOTIFY_TEMPLATE_DIRS = [str(tmp_path)]
    assert render_template("mine.j2", {"title": "x"}) == "hello x"


@pytest.mark.parametrize(
    "name,problem",
    [
        ("../../etc/passwd", "path separator"),
        ("/etc/passwd", "path separator"),
        (".env", "must not start with '.'"),
        ("missing.j2", "no template named 'missing.j2'"),
    ],
)
def test_template_names_are_validated(name, problem):
    with pytest.raises(TemplateError, match=problem):
        load_source(name)


def test_symlink_out_of_the_template_directory_is_refused(settings, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "evil.j2").symlink_to(secret)
    settings.NOTIFY_TEMPLATE_DIRS = [str(folder)]
    with pytest.raises(TemplateError, match="cannot be read"):
        load_source("evil.j2")


def test_a_bare_string_that_looks_like_jinja_is_refused():
    with pytest.raises(TemplateError, match="cannot contain Jinja syntax"):
        load_source("{{ title }}")
    with pytest.raises(TemplateError, match="inline template is"):
        load_source({"type": "file", "source": "x"})


def test_sandbox_blocks_attribute_escapes():
    with pytest.raises(TemplateError, match="unsafe"):
        render("{{ ''.__class__.__mro__[1].__subclasses__() }}")


def test_sandbox_is_immutable():
    with pytest.raises(TemplateError, match="unsafe"):
        render("{{ items.append(1) }}", items=[])


def test_output_size_limit():
    with pytest.raises(TemplateError, match="output would be 10100 characters; the limit is 10000"):
        render("{% for i in range(100) %}{{ 'x' * 101 }}{% endfor %}")


def test_string_repetition_limit():
    with pytest.raises(TemplateError, match="repetition would be 1000000000 characters"):
        render("{{ 'A' * 10**9 }}")


@pytest.mark.parametrize("source", ["{{ 9**(9**9) }}", "{{ 2**200 }}", "{{ (10**100)**100 }}"])
def test_exponent_limit(source):
    with pytest.raises(TemplateError, match="power too large"):
        render(source)


def test_small_powers_still_work():
    assert render("{{ 2**10 }}") == "1024"


def test_range_limit():
    with pytest.raises(TemplateError, match="range of 101 items; the limit is 100"):
        render("{% for i in range(101) %}{% endfor %}")
    assert render("{{ range(100)|list|length }}") == "100"


def test_render_time_limit_stops_loops_that_print_nothing():
    source = "{% for a in range(100) %}{% for b in range(100) %}{% for c in range(100) %}" \
             "{% endfor %}{% endfor %}{% endfor %}"  # fmt: skip
    started = time.monotonic()
    with pytest.raises(TemplateError, match="render took longer than 0.2 s"):
        render(source, limits=QUICK)
    assert time.monotonic() - started < 2


def test_render_time_limit_covers_loops_over_strings():
    source = "{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateError, match="render took longer"):
        render(source, limits=QUICK, s="x" * 9000)


@pytest.mark.parametrize(
    "source",
    [
        "{{ 'x'.ljust(10**9) }}",
        "{{ '{:>999999999}'.format(1) }}",
        "{{ '%999999999d' % 1 }}",
        "{{ 'x'|center(999999999) }}",
        "{{ '%999999999d'|format(1) }}",
    ],
)
def test_width_tricks_are_refused_before_allocating(source):
    started = time.monotonic()
    with pytest.raises(TemplateError, match="would be 999999999 characters|would be 1000000000"):
        render(source)
    assert time.monotonic() - started < 1


def test_recursion_is_stopped():
    with pytest.raises(TemplateError, match="recursion too deep"):
        render("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}")


def test_include_and_import_have_no_loader():
    with pytest.raises(TemplateError, match="template error"):
        render("{% include 'plain.txt.j2' %}")


def test_syntax_errors_name_the_line():
    with pytest.raises(TemplateError, match="syntax error on line 2"):
        render("ok\n{{ x ")


def test_caller_template_keys_are_stripped():
    config = {
        "template": "plain.txt.j2",
        "body_template": {"type": "inline", "source": "{{ 1 }}"},
        "html_template": "x",
        "sneaky": {"type": "inline", "source": "{{ 1 }}"},
        "chat_id": "-100",
        "templates_enabled": True,
    }
    assert strip_template_keys(config) == {"chat_id": "-100", "templates_enabled": True}


def test_a_broken_template_is_refused_when_the_channel_is_saved():
    with pytest.raises(ConfigError, match="template: Value error, syntax error on line 1"):
        SlackDriver.from_config({"url": "https://hooks.example.com/x",
                                 "template": {"type": "inline", "source": "{% for %}"}})  # fmt: skip
    with pytest.raises(ConfigError, match="no template named 'nope.j2'"):
        SlackDriver.from_config({"url": "https://hooks.example.com/x", "template": "nope.j2"})
