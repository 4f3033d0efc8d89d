"""Debugging in the window: Chromium DevTools for the preview's page, and for a plugin's process under Node's
inspector."""
