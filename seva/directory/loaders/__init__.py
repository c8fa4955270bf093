"""Loaders for the org directory: UP's shipped geography, and administrators' CSV files."""

from seva.directory.loaders.csv_files import load_handles_csv, load_units_csv
from seva.directory.loaders.report import LineError, LoadError, LoadReport
from seva.directory.loaders.uttar_pradesh import load_uttar_pradesh

__all__ = [
    "LineError",
    "LoadError",
    "LoadReport",
    "load_handles_csv",
    "load_units_csv",
    "load_uttar_pradesh",
]
