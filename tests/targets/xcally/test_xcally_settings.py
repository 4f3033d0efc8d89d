"""The XCALLY plugin process settings the window keeps per project."""

from workbench.core.project_settings import allow_host, allowed_hosts, settings_path


def test_xcally_process_settings_round_trip_beside_other_keys(tmp_path):
    from workbench.targets.xcally.settings import save_process, saved_process

    assert saved_process(tmp_path) == {}
    allow_host(tmp_path, "api.example.com")
    save_process(tmp_path, {"MOTION_URL": "https://motion.example", "XC_PLUGIN_RESTART": "true"}, 0.5)
    assert saved_process(tmp_path) == {"env": {"MOTION_URL": "https://motion.example", "XC_PLUGIN_RESTART": "true"},
                                        "restartDelay": 0.5}
    assert allowed_hosts(tmp_path) == ["api.example.com"]  # the allow-list is kept
    save_process(tmp_path, {}, None)  # restart off, no override: App Zone's own delay again
    assert saved_process(tmp_path) == {"env": {}}


def test_malformed_xcally_process_settings_are_dropped(tmp_path):
    from workbench.targets.xcally.settings import saved_process

    path = settings_path(tmp_path)
    path.parent.mkdir()
    path.write_text('{"xcallyProcess": {"env": ["A=1"], "restartDelay": -3}}')
    assert saved_process(tmp_path) == {}
    path.write_text('{"xcallyProcess": {"env": {"A": 1}, "restartDelay": true}}')
    assert saved_process(tmp_path) == {"env": {"A": "1"}}
    path.write_text('{"xcallyProcess": "on"}')
    assert saved_process(tmp_path) == {}
