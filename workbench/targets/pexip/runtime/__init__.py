"""The emulated Infinity Connect web app (v2) at run time: its session, API, steps and action stream (imports Qt)."""
