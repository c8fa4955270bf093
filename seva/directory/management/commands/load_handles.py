from seva.directory.loaders import load_handles_csv
from seva.directory.management.commands._csv_load import CsvLoadCommand


class Command(CsvLoadCommand):
    help = "Map social handles to units from a CSV (all or nothing)."
    loader = staticmethod(load_handles_csv)
