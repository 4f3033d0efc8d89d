"""eXo Web Conferencing at run time: the emulated eXo pages with the connector module (imports Qt)."""
