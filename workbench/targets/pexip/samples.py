"""The Pexip samples a new project can start from."""

from workbench.core.newproject import Sample

SAMPLES = [Sample("pexip-recording", "Pexip branding package: a toolbar button that records the conference", "pexip"),
           Sample("pexip-conference-tools", "Pexip branding package: layout control and per-participant mute",
                  "pexip"),
           Sample("pexip-typescript", "Pexip TypeScript plugin (Pexip's template: webpack, npm ci then build): "
                  "raised hands in the toolbar", "pexip")]
