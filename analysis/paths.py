"""Where the repository's region data live."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
"""The repository root (the folder holding analysis/ and scenarios/)."""

REGION_TABLE_NAME = "russia_regions_83.csv"
BOUNDARIES_NAME = "russia_federal_subjects_83.geojson"


def data_dir() -> Path:
    """scenarios/data/ of the repository, or the folder named by POLICYSIM_DATA_DIR."""
    override = os.environ.get("POLICYSIM_DATA_DIR")
    return Path(override) if override else REPO_ROOT / "scenarios" / "data"


def region_table_path() -> Path:
    """The CSV of the 83 federal subjects (ISO code, English name, federal district)."""
    return data_dir() / REGION_TABLE_NAME


def boundaries_path() -> Path:
    """The GeoJSON boundaries of the 83 federal subjects."""
    return data_dir() / BOUNDARIES_NAME
