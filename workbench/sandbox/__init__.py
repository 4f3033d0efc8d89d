"""The QtWebEngine runtime shared by the window and headless `workbench test` (see session.py for the protocol)."""
