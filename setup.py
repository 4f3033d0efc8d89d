"""Packaging beyond pyproject.toml: the top-level resources/ and sample_projects/ folders go inside the package.

In the source tree they stay at the repository's top level; a wheel installs them as workbench/resources and
workbench/sample_projects, where workbench.core.paths finds them.
"""

from setuptools import find_packages, setup

DATA_FOLDERS = {"workbench.resources": "resources", "workbench.sample_projects": "sample_projects"}

setup(
    packages=find_packages(include=["workbench", "workbench.*"]) + list(DATA_FOLDERS),
    package_dir=DATA_FOLDERS,
    package_data={"workbench": ["*.json", "*.js", "*.html", "*.css", "*.svg"],
                  **{name: ["**/*"] for name in DATA_FOLDERS}},
)
