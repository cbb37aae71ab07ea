"""The inputs a TF1 demonstration and its TF2-native counterpart both use, written once.

No TensorFlow here: both worlds import it (the counterparts' process must never import the TF1
bootstrap).
"""
import pathlib

CSV_DEFAULTS = [[1], [1], [1], [1], [1]]  # the notes' record_defaults: five int32 columns


def write_text(directory, name, text):
    """Writes ``text`` to ``directory/name``; returns the path as a string."""
    path = pathlib.Path(directory, name)
    path.write_text(text, encoding="utf-8")
    return str(path)


def csv_files(directory):
    """file0.csv rows 1..3, file1.csv rows 4..5; row r is r, 10r, 100r, 1000r, label r % 2."""
    return [write_text(directory, name, "".join(f"{r},{10 * r},{100 * r},{1000 * r},{r % 2}\n"
                                                for r in rows))
            for name, rows in [("file0.csv", [1, 2, 3]), ("file1.csv", [4, 5])]]
