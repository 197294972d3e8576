"""The demo's text as data files (YAML), shipped with the package (setup.cfg package_data)."""

from functools import cache
from importlib import resources

import yaml


@cache
def load(filename: str) -> dict:
    """One of this folder's YAML files, read once."""
    return yaml.safe_load(resources.files(__name__).joinpath(filename).read_text(encoding="utf-8"))
