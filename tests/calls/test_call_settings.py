"""INNOVEX_CALL_SUPPORTS_PER_ORG: parsed as a whole number of 0 or more, default 3."""

import pytest

from innovex.config import ConfigError, DefaultConfig, load_environment


def test_the_default_is_three():
    assert DefaultConfig.CALL_SUPPORTS_PER_ORG == 3


def test_the_setting_is_read_as_a_number(monkeypatch):
    config = {"CALL_SUPPORTS_PER_ORG": 3}
    monkeypatch.setenv("INNOVEX_CALL_SUPPORTS_PER_ORG", " 5 ")
    load_environment(config)
    assert config["CALL_SUPPORTS_PER_ORG"] == 5


@pytest.mark.parametrize("raw", ["many", "2.5", "-1"])
def test_bad_values_stop_start_up_with_the_variable_name(monkeypatch, raw):
    monkeypatch.setenv("INNOVEX_CALL_SUPPORTS_PER_ORG", raw)
    with pytest.raises(ConfigError, match="INNOVEX_CALL_SUPPORTS_PER_ORG"):
        load_environment({"CALL_SUPPORTS_PER_ORG": 3})
