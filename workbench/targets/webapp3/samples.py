"""The Web App 3 samples a new project can start from."""

from workbench.core.newproject import Sample

SAMPLES = [Sample("webapp3-meeting-tools", "Web App 3 plugin (Vite + @pexip/plugin-api): toolbar button, form, "
                  "prompt, toasts and participant actions over the conference", "webapp3")]
