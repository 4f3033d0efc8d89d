"""The export panel."""
