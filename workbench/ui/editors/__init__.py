"""The editors panel."""
