"""The workbench window and its panels (Qt widgets only; the logic they drive lives in workbench.core)."""
