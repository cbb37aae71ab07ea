"""Reading a text file as UTF-8, with errors that name the file and the offending byte."""
import os


def read_utf8(path, error=ValueError, missing_hint=""):
    """The text of ``path``; raises ``error`` naming the file when it is missing
    ("<path>: file not found<missing_hint>") or not UTF-8 ("... (byte 0xe9 at offset 3)")."""
    if not os.path.isfile(path):
        raise error(f"{path}: file not found{missing_hint}")
    with open(path, "rb") as f:
        raw = f.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise error(f"{path}: not UTF-8 text (byte 0x{raw[err.start]:02x} at offset "
                    f"{err.start})") from None
