"""The connector's call pages on the emulated server: rendered from their JSP with the attributes the call
servlet passes, and eXo's own scripts they load served by the workbench."""

from __future__ import annotations

from typing import Any

from workbench.core.hostlog import HOST, WARNING
from workbench.targets.exo.jsp import call_pages, platform_scripts
from workbench.targets.exo.runtime.config import context_info, user_info
from workbench.targets.exo.runtime.platform import jquery_for


def render_call_pages(project, facts: dict[str, Any], config: dict[str, Any], env) -> list[dict[str, Any]]:
    """Serve each servlet's page of the webapp; the session log names what could not be rendered."""
    attributes = {"userInfo": user_info(config), "contextInfo": context_info(config["providers"], None),
                  "settings": config["settings"]}
    served = []
    for page in call_pages(project.files(), facts["layout"], facts["war"], attributes):
        env.scheme.add_virtual("app", page.url, page.html.encode("utf-8"), "text/html")
        for path in platform_scripts(page.html):
            data = jquery_for(path)
            if data is not None:
                env.scheme.add_virtual("app", path, data, "text/javascript")
        served.append({"url": page.url, "jsp": page.jsp, "not_rendered": page.not_rendered})
    log = getattr(env, "log", None)
    for page in served:
        if log is not None:
            log.add(HOST, f"call page {page['url']} rendered from {page['jsp']}")
            for what in page["not_rendered"]:
                log.add(WARNING, f"call page {page['url']}: not rendered: {what}", file=page["jsp"])
    return served
