"""The hosts: one package each (see docs/architecture.md). Nothing outside imports them: the registry
(workbench/registry.py) loads them from their entry points, and everything else speaks to a host through the
Target contract (workbench/core/project.py)."""
