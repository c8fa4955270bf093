from seva.directory.loaders import load_units_csv
from seva.directory.management.commands._csv_load import CsvLoadCommand


class Command(CsvLoadCommand):
    help = (
        "Load police stations, offices, departments, zones or ranges from a CSV (all or nothing)."
    )
    loader = staticmethod(load_units_csv)
