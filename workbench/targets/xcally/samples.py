"""The XCALLY samples a new project can start from."""

from workbench.core.newproject import Sample

SAMPLES = [Sample("xcally-script", "XCALLY Motion script plugin (Node.js status server)", "xcally"),
           Sample("xcally-html", "XCALLY Motion html plugin (admin and agent views)", "xcally")]
