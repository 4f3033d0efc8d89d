"""Per-project settings: the network allow-list persists in .workbench/project.json, other keys survive."""

import json

from workbench.core.project_settings import allow_host, allowed_hosts, disallow_host, settings_path


def test_allow_host_persists_and_normalises(tmp_path):
    assert allowed_hosts(tmp_path) == []
    allow_host(tmp_path, "https://API.Example.com:8443/v1/x?y=1")
    allow_host(tmp_path, "cdn.example.org")
    allow_host(tmp_path, "api.example.com")  # no duplicate
    assert allowed_hosts(tmp_path) == ["api.example.com", "cdn.example.org"]
    saved = json.loads(settings_path(tmp_path).read_text())
    assert saved["allowedHosts"] == ["api.example.com", "cdn.example.org"]
    assert disallow_host(tmp_path, "api.example.com") == ["cdn.example.org"]


def test_unknown_keys_survive_and_broken_file_is_empty(tmp_path):
    path = settings_path(tmp_path)
    path.parent.mkdir()
    path.write_text('{"theme": "dark", "allowedHosts": ["a.example"]}')
    allow_host(tmp_path, "b.example")
    assert json.loads(path.read_text()) == {"theme": "dark", "allowedHosts": ["a.example", "b.example"]}
    path.write_text("{not json")
    assert allowed_hosts(tmp_path) == []
    allow_host(tmp_path, "c.example")  # a broken file is replaced, not a crash
    assert allowed_hosts(tmp_path) == ["c.example"]
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_host_section_round_trips_beside_other_keys(tmp_path):
    from workbench.core.project_settings import save_section, section

    assert section(tmp_path, "someHost") == {}
    allow_host(tmp_path, "api.example.com")
    save_section(tmp_path, "someHost", {"a": 1})
    assert section(tmp_path, "someHost") == {"a": 1}
    assert allowed_hosts(tmp_path) == ["api.example.com"]  # the allow-list is kept
    settings_path(tmp_path).write_text('{"someHost": "not a mapping"}')
    assert section(tmp_path, "someHost") == {}
