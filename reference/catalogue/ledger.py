"""The behaviour ledger: what every idiom observes on this TensorFlow, in both behaviours.

``python -m reference --ledger FILE`` writes one JSON document: the environment (package
versions, oneDNN, the CPU features kernels choose by) and, for faithful TF1 mode and TF2
behaviour in graph mode, every family's observations. Each family runs in a child process of
its own (``python -m reference --json NAME...``), so a family whose kernel crashes the process
(a signal, an abort) or hangs past the deadline is recorded as crashed, with the last line it
wrote on stderr, and every other family is still observed.
"""
import concurrent.futures
import importlib.metadata
import json
import os
import platform
import signal
import subprocess
import sys

from reference.catalogue import modes

SCHEMA = 1
FAMILY_DEADLINE_S = 300
CPU_FLAGS = ("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "amx_bf16", "amx_tile", "fma")
PACKAGES = ("tensorflow", "tf_keras", "keras", "numpy", "protobuf", "ml_dtypes", "absl-py",
            "tensorboard")


class LedgerError(ValueError):
    """A file that is not a ledger of this schema; the message names the file."""


def _version(package):
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _cpu_flags():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("flags"):
                    present = set(line.split(":", 1)[1].split())
                    return sorted(f for f in CPU_FLAGS if f in present)
    except OSError:
        pass
    return None


def environment():
    """The facts a kernel's results depend on, without importing TensorFlow."""
    onednn = os.environ.get("TF_ENABLE_ONEDNN_OPTS")
    return {
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
        "onednn": "off" if onednn == "0" else "on" if onednn == "1" else "default",
        "machine": platform.machine(),
        "cpu_flags": _cpu_flags(),
    }


def _signal_name(returncode):
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def observe_family(names, mode, deadline=FAMILY_DEADLINE_S):
    """Runs the named idioms in a child process of ``mode``; returns ``{name: observation}``,
    or ``{"crashed": how, "stderr": last line}`` when the child dies or passes the deadline."""
    env = dict(os.environ, **{modes.MODE_ENV: mode})
    env.pop("TF_USE_LEGACY_KERAS", None)
    return run_child([sys.executable, "-m", "reference", "--json", *names], env, deadline)


def run_child(argv, env, deadline):
    """The JSON a child process prints, or how it crashed: a signal (``"SIGILL"``), an exit
    status, output that is not JSON, or no answer within ``deadline`` seconds (it is killed)."""
    try:
        result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=deadline,
                                check=False)
    except subprocess.TimeoutExpired as err:
        stderr = err.stderr or ""  # bytes on some Pythons even with text=True
        stderr = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
        return {"crashed": f"no answer within {deadline} s", "stderr": _last_line(stderr)}
    if result.returncode == 0:
        try:
            return json.loads(result.stdout)
        except json.JSONDecodeError:
            return {"crashed": "output is not JSON", "stderr": _last_line(result.stderr)}
    how = (_signal_name(result.returncode) if result.returncode < 0
           else f"exit status {result.returncode}")
    return {"crashed": how, "stderr": _last_line(result.stderr)}


def _last_line(text):
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _stable(observations, volatile):
    """The observations without the keys that vary from run to run (race counts)."""
    if "crashed" in observations:
        return observations
    return {name: {k: v for k, v in observed.items() if k not in volatile.get(name, ())}
            for name, observed in observations.items()}


def build(families, volatile=None, deadline=FAMILY_DEADLINE_S, progress=None, workers=None):
    """The ledger of ``families`` (``{family: [idiom names]}``): a dict ready for JSON.

    ``volatile``: ``{idiom: keys}`` left out of the ledger (they vary from run to run).
    ``progress(line)`` is called once per family and mode as it ends.
    """
    jobs = [(mode, family, names) for mode in modes.MODES for family, names in families.items()]
    results = {mode: {} for mode in modes.MODES}
    with concurrent.futures.ThreadPoolExecutor(workers or os.cpu_count() or 1) as pool:
        futures = {pool.submit(observe_family, names, mode, deadline): (mode, family)
                   for mode, family, names in jobs}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            mode, family = futures[future]
            results[mode][family] = _stable(future.result(), volatile or {})
            if progress:
                state = results[mode][family].get("crashed", "ok")
                progress(f"[{done}/{len(jobs)}] {mode} {family}: {state}")
    return {"schema": SCHEMA, "environment": environment(),
            "modes": {mode: dict(sorted(results[mode].items())) for mode in modes.MODES}}


def load(path):
    """A ledger read back; ``LedgerError`` naming ``path`` when it is missing or not one."""
    try:
        with open(path, encoding="utf-8") as file:
            ledger = json.load(file)
    except OSError as err:
        raise LedgerError(f"{path}: {err.strerror}") from None
    except json.JSONDecodeError as err:
        raise LedgerError(f"{path}: not JSON ({err.msg} at line {err.lineno})") from None
    if not isinstance(ledger, dict) or "modes" not in ledger or "schema" not in ledger:
        raise LedgerError(f"{path}: not a ledger (no schema and modes)")
    if ledger["schema"] != SCHEMA:
        raise LedgerError(f"{path}: ledger schema {ledger['schema']}, this version reads "
                          f"schema {SCHEMA}")
    return ledger


def observations(document, mode):
    """``{idiom: observation}`` of one behaviour of a ledger (crashed families left out)."""
    return {name: observed for family in document["modes"][mode].values()
            if "crashed" not in family for name, observed in family.items()}
