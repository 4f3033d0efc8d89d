"""The window's forms and panels for this host (Qt)."""
