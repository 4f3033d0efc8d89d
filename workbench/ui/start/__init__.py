"""The start panel."""
