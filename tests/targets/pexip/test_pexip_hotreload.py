"""Hot reload planning: a plugin's own files reload that plugin, shared content reloads the page."""

from dataclasses import dataclass

from workbench.targets.pexip.hotreload import plan_reload


@dataclass
class P:
    id: str
    base: str
    package: str
    src: str


PLUGINS = [P("layout-tools-1.0", "plugins/layout-tools", "plugins/layout-tools/layout-tools.plugin.package.json",
             "plugins/layout-tools/layout-tools.plugin.js"),
           P("participant-tools-1.0", "plugins/participant-tools",
             "plugins/participant-tools/participant-tools.plugin.package.json",
             "plugins/participant-tools/participant-tools.plugin.js")]


def test_plugin_source_reloads_only_that_plugin():
    plan = plan_reload(["webapp2/plugins/participant-tools/participant-tools.plugin.js"], PLUGINS, "webapp2")
    assert plan.plugins == ["participant-tools-1.0"] and not plan.page and not plan.package_changed


def test_assets_and_package_file_reload_their_plugin_and_reread_the_package():
    plan = plan_reload(["webapp2/plugins/layout-tools/assets/layouts.json",
                        "webapp2/plugins/layout-tools/layout-tools.plugin.package.json"], PLUGINS, "webapp2")
    assert plan.plugins == ["layout-tools-1.0"] and plan.package_changed and not plan.page


def test_settings_and_shared_files_reload_the_page_in_settings_order():
    plan = plan_reload(["webapp2/settings.json", "webapp2/plugins/participant-tools/x.js",
                        "webapp2/plugins/layout-tools/layout-tools.plugin.js"], PLUGINS, "webapp2")
    assert plan.page and plan.plugins == ["layout-tools-1.0", "participant-tools-1.0"]
    assert plan_reload(["webapp2/themes/brand.css"], PLUGINS, "webapp2").page


def test_files_outside_the_served_content_change_nothing():
    plan = plan_reload(["scenarios/a.yaml", "README.md", "webapp2/.workbench/project.json",
                        "webapp2/plugins/layout-tools/.x.js.123.tmp", ".git/index"], PLUGINS, "webapp2")
    assert not plan and plan.files == []


def test_single_plugin_project_served_from_its_root():
    lone = [P("lone", "", "lone.plugin.package.json", "lone.plugin.js")]
    assert plan_reload(["lone.plugin.js"], lone, "").plugins == ["lone"]
