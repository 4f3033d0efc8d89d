"""The explorer panel."""
