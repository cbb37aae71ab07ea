"""Damaged files and full disks made the way they happen, for the tests of what a resume past
a damaged checkpoint and a failed save do.

* ``flip_middle_byte``, ``truncate``: a file's bytes as a bad disk or a killed copy leaves them;

* ``tmpfs``: a small tmpfs mounted for the test (root, where ``mount`` works); ``fill`` then
  writes a file until the kernel says ``ENOSPC``. The real thing, at any moment the test
  chooses (e.g. from a training run's log callback, in the training's own thread).
* ``full_files_env``: for a child process, without root: ``full_files.c`` preloaded
  (``LD_PRELOAD``), which opens ``/dev/full`` instead of every file whose name starts with one
  of ``FULL_FILES`` (colon-separated) in ``FULL_DIR``, so writing them fails with ``ENOSPC``
  as on a full disk, while every other file is written. Needs a C compiler.

Each skips (naming what is missing) where it cannot run.
"""
import contextlib
import errno
import functools
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest

SOURCE = pathlib.Path(__file__).with_name("full_files.c")


def flip_middle_byte(path):
    """Inverts the bits of the byte in the middle of ``path``; returns the damaged bytes."""
    data = bytearray(pathlib.Path(path).read_bytes())
    data[len(data) // 2] ^= 0xFF
    pathlib.Path(path).write_bytes(bytes(data))
    return bytes(data)


def truncate(path):
    """Cuts ``path`` to its first half."""
    data = pathlib.Path(path).read_bytes()
    pathlib.Path(path).write_bytes(data[:len(data) // 2])


@contextlib.contextmanager
def tmpfs(path, size="16m"):
    """``path`` (created) as a tmpfs of ``size``, unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode:
        pytest.skip(f"mount -t tmpfs failed: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(directory):
    """Writes ``directory/filler`` until its file system is full; returns its size."""
    block = b"\0" * 4096
    with open(os.path.join(directory, "filler"), "wb", buffering=0) as f:
        try:
            while True:
                f.write(block)
        except OSError as err:
            assert err.errno == errno.ENOSPC, err
        return f.tell()


@functools.lru_cache(maxsize=None)
def full_files_library():
    """The compiled ``full_files.c`` (built once per process), or None without a compiler."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    out = pathlib.Path(tempfile.mkdtemp(prefix="full-files-")) / "full_files.so"
    subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", str(out), str(SOURCE), "-ldl"],
                   check=True, capture_output=True)
    return str(out)


def require_full_files_library():
    """``full_files_library()``, or the test skips saying why."""
    library = full_files_library()
    if library is None:
        pytest.skip("no C compiler (cc) to build the LD_PRELOAD fault injector full_files.c")
    return library


def full_files_env(library, directory, *prefixes):
    """The environment variables under which a child finds the files of ``directory`` whose
    names start with one of ``prefixes`` on a full disk."""
    return {"LD_PRELOAD": library, "FULL_DIR": os.path.abspath(directory),
            "FULL_FILES": ":".join(prefixes)}
