"""The preview panel: the host page with the project's plugins, conference controls, host log, hot reload."""
