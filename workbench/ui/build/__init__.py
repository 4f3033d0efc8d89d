"""The window's Build: the project's own build tool run with progress, output and cancel."""
