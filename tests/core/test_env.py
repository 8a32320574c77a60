import pytest
from django.core.exceptions import ImproperlyConfigured

from vigil.core.env import env_bool, env_int, env_json, env_list, env_str


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("1", True),
        ("true", True),
        ("TRUE", True),
        ("yes", True),
        ("0", False),
        ("false", False),
        ("off", False),
        ("", True),
    ],
)
def test_booleans_accept_only_known_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("VIGIL_T_BOOL", raw)
    assert env_bool("VIGIL_T_BOOL", True) is expected


@pytest.mark.parametrize("raw", ["ture", "2", "enabled", "y e s"])
def test_bad_boolean_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv("VIGIL_T_BOOL", raw)
    with pytest.raises(ImproperlyConfigured, match="VIGIL_T_BOOL"):
        env_bool("VIGIL_T_BOOL", False)


def test_integer_parsing_and_minimum(monkeypatch):
    monkeypatch.setenv("VIGIL_T_INT", "12")
    assert env_int("VIGIL_T_INT", 1) == 12
    monkeypatch.setenv("VIGIL_T_INT", "twelve")
    with pytest.raises(ImproperlyConfigured, match="VIGIL_T_INT='twelve' is not an integer"):
        env_int("VIGIL_T_INT", 1)
    monkeypatch.setenv("VIGIL_T_INT", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("VIGIL_T_INT", 1, minimum=0)


def test_lists_drop_empty_items(monkeypatch):
    monkeypatch.setenv("VIGIL_T_LIST", " a, ,b,")
    assert env_list("VIGIL_T_LIST") == ["a", "b"]
    monkeypatch.delenv("VIGIL_T_LIST")
    assert env_list("VIGIL_T_LIST", ["x"]) == ["x"]


def test_json_errors_name_the_variable(monkeypatch):
    monkeypatch.setenv("VIGIL_T_JSON", "{nope")
    with pytest.raises(ImproperlyConfigured, match="VIGIL_T_JSON is not valid JSON"):
        env_json("VIGIL_T_JSON", {})


def test_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    monkeypatch.delenv("VIGIL_T_SECRET", raising=False)
    monkeypatch.setenv("VIGIL_T_SECRET_FILE", str(secret))
    assert env_str("VIGIL_T_SECRET") == "from-file"
    monkeypatch.setenv("VIGIL_T_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="VIGIL_T_SECRET_FILE"):
        env_str("VIGIL_T_SECRET")
