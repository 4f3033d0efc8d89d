"""The forms panel."""
