"""Where the user's files live: your registry file (config), runs and data sets (data)."""

from __future__ import annotations

import os
from pathlib import Path

APP = "tsa-registry"
HOME_VARIABLE = "TSA_REGISTRY_HOME"
FILE_VARIABLE = "TSA_REGISTRY_FILE"


def _home() -> Path | None:
    home = os.environ.get(HOME_VARIABLE)
    return Path(home).expanduser() if home else None


def user_config_dir() -> Path:
    """The user's config folder; TSA_REGISTRY_HOME puts config and data under one folder."""
    if home := _home():
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


def user_data_dir() -> Path:
    if home := _home():
        return home / "data"
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def runs_dir() -> Path:
    return user_data_dir() / "runs"


def sweeps_dir() -> Path:
    """Sweeps made without --output, one folder each (plan, jobs, run folders)."""
    return user_data_dir() / "sweeps"


def clusters_path() -> Path:
    """Named Slurm profiles for `sweep --executor slurm --profile NAME` (account, partition, ...)."""
    return user_config_dir() / "clusters.toml"


def datasets_dir() -> Path:
    """Data sets fetched with `tsa-registry data get`, one folder per data set and config."""
    return user_data_dir() / "datasets"


def user_registry_path(explicit: Path | None = None) -> tuple[Path, bool]:
    """Your registry file and whether it was named explicitly (then it must exist)."""
    if explicit is not None:
        return Path(explicit).expanduser(), True
    if named := os.environ.get(FILE_VARIABLE):
        return Path(named).expanduser(), True
    return user_config_dir() / "registry.toml", False


def builtin_catalogue_path() -> Path:
    """The built-in catalogue: registry.toml inside the installed package (copied there when it
    is built, setup.py), or at the root of a source checkout (an editable install)."""
    packaged = Path(__file__).with_name("registry.toml")
    return packaged if packaged.is_file() else Path(__file__).resolve().parents[1] / "registry.toml"
