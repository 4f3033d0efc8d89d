"""The iframe sandbox Web App 3 gives a plugin (Infinity v37 and later): allow-scripts plus the accepted values the
manifest entry lists in `sandboxValues`; any other value is ignored.

Pexip documents `allow-scripts` (the default) and `allow-same-origin`; its own published plugins also ask for
`allow-popups`, `allow-popups-to-escape-sandbox` and `allow-forms` in their manifests. Those five are what the
workbench accepts: a value outside them is dropped, as the app drops a value it does not list.
"""

from __future__ import annotations

DEFAULT = "allow-scripts"
ACCEPTED = ("allow-scripts", "allow-same-origin", "allow-popups", "allow-popups-to-escape-sandbox", "allow-forms")


def sandbox_attribute(values: list) -> tuple[str, list[str]]:
    """The iframe's sandbox attribute for a manifest's sandboxValues, and the values it ignored."""
    kept = [DEFAULT]
    ignored = []
    for value in values:
        if not isinstance(value, str) or value not in ACCEPTED:
            ignored.append(str(value))
        elif value not in kept:
            kept.append(value)
    return " ".join(kept), ignored
