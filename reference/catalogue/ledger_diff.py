"""What changed between two ledgers: per mode and idiom, every value, error, name or crash.

``python -m reference --diff OLD.json NEW.json`` prints one line per change. A float that moved
is shown with its distance in units in the last place (ulp), counted in float32 when both
values are float32 numbers (the kernels' dtype) and in float64 otherwise, so a last-bit change
of a kernel reads "1 ulp float32".
"""
import dataclasses

import numpy as np


@dataclasses.dataclass(frozen=True)
class Change:
    """One difference: ``mode``, ``idiom`` (``family`` for a family that crashed), ``path``
    into the observation (empty for the idiom as a whole), ``kind`` and the two sides."""
    mode: str
    idiom: str
    path: str
    kind: str
    old: object
    new: object
    ulp: str = ""

    def line(self):
        where = f"{self.mode} {self.idiom}" + (f" {self.path}" if self.path else "")
        detail = f" ({self.ulp})" if self.ulp else ""
        if self.kind == "values":
            return f"{where}: values: {self.old}{detail}"
        return f"{where}: {self.kind}: {_show(self.old)} -> {_show(self.new)}{detail}"


def _show(value):
    return "<absent>" if value is ABSENT else repr(value)


ABSENT = object()


def _ordered_bits(value, dtype):
    bits = np.array([value], dtype).view(np.int32 if dtype == np.float32 else np.int64)[0]
    bits = int(bits)
    top = 1 << (31 if dtype == np.float32 else 63)
    return top - bits if bits < 0 else bits + top  # negative floats count down from the top


def _ulp_dtype(*values):
    """float32 when every value is a float32 number (the kernels' dtype), else float64."""
    exact = all(float(np.float32(v)) == v for v in values)
    return np.float32 if exact else np.float64


def ulp_distance(old, new):
    """``"N ulp float32"`` (or float64) between two finite floats."""
    dtype = _ulp_dtype(old, new)
    distance = abs(_ordered_bits(old, dtype) - _ordered_bits(new, dtype))
    return f"{distance} ulp {np.dtype(dtype).name}"


def _numeric_array(value):
    """``value`` as a float array when it is a nested list of numbers, else None."""
    if not isinstance(value, list) or not value:
        return None
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if array.dtype != np.float64 or array.ndim == 0 or not np.all(np.isfinite(array)):
        return None
    if any(isinstance(v, bool) for v in array.ravel().tolist()):
        return None
    return array


def _array_change(old, new):
    """``(summary, ulp)`` of two numeric arrays of one shape that differ."""
    differ = old != new
    largest = float(np.max(np.abs(old - new)))
    dtype = _ulp_dtype(*old.ravel().tolist(), *new.ravel().tolist())
    ulps = max(abs(_ordered_bits(a, dtype) - _ordered_bits(b, dtype))
               for a, b in zip(old[differ].tolist(), new[differ].tolist()))
    summary = (f"{int(differ.sum())} of {differ.size} values of shape {list(old.shape)}, "
               f"largest difference {largest:.3g}")
    return summary, f"at most {ulps} ulp {np.dtype(dtype).name}"


def _is_error(value):
    return isinstance(value, dict) and set(value) >= {"type", "message"} and len(value) <= 3


def _compare(old, new, path, emit):
    if _is_error(old) and _is_error(new):
        for key, kind in (("type", "error type"), ("message", "error message"),
                          ("node", "error node")):
            if old.get(key, ABSENT) != new.get(key, ABSENT):
                emit(path, kind, old.get(key, ABSENT), new.get(key, ABSENT))
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            sub = f"{path}.{key}" if path else key
            if key not in old or key not in new:
                emit(sub, "key", old.get(key, ABSENT), new.get(key, ABSENT))
            else:
                _compare(old[key], new[key], sub, emit)
        return
    old_array, new_array = _numeric_array(old), _numeric_array(new)
    if (old_array is not None and new_array is not None
            and old_array.shape == new_array.shape and old_array.ndim > 0):
        if np.array_equal(old_array, new_array):
            return
        if np.issubdtype(np.asarray(old).dtype, np.integer) and \
                np.issubdtype(np.asarray(new).dtype, np.integer):
            emit(path, "value", old, new)
            return
        summary, ulp = _array_change(old_array, new_array)
        emit(path, "values", summary, "", ulp)
        return
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new)):
            _compare(a, b, f"{path}[{index}]", emit)
        return
    if old == new:
        return
    if (isinstance(old, float) and isinstance(new, float) and np.isfinite(old)
            and np.isfinite(new)):
        emit(path, "value", old, new, ulp_distance(old, new))
    elif isinstance(old, list) and isinstance(new, list):
        emit(path, "shape", f"{len(old)} items", f"{len(new)} items")
    else:
        emit(path, "value", old, new)


def _idiom_kind(old, new):
    """The change of an idiom as a whole, or None when its observations are to be compared."""
    if old is ABSENT or new is ABSENT:
        return "idiom"
    old_raised, new_raised = "raised" in old and len(old) == 1, "raised" in new and len(new) == 1
    if old_raised != new_raised:
        return "newly fails" if new_raised else "newly passes"
    return None


def diff(old_ledger, new_ledger):
    """Every ``Change`` from ``old_ledger`` to ``new_ledger``, mode by mode, idiom by idiom."""
    changes = []
    for mode in sorted(set(old_ledger["modes"]) | set(new_ledger["modes"])):
        old_families = old_ledger["modes"].get(mode, {})
        new_families = new_ledger["modes"].get(mode, {})
        for family in sorted(set(old_families) | set(new_families)):
            old, new = old_families.get(family, {}), new_families.get(family, {})
            if "crashed" in old or "crashed" in new:
                if old.get("crashed") != new.get("crashed"):
                    changes.append(Change(mode, family, "", "crash", old.get("crashed", ABSENT),
                                          new.get("crashed", ABSENT), new.get("stderr", "")))
                continue
            for idiom in sorted(set(old) | set(new)):
                before, after = old.get(idiom, ABSENT), new.get(idiom, ABSENT)
                kind = _idiom_kind(before, after)
                if kind:
                    changes.append(Change(mode, idiom, "", kind, before, after))
                    continue

                def emit(path, kind, a, b, ulp="", idiom=idiom, mode=mode):
                    changes.append(Change(mode, idiom, path, kind, a, b, ulp))
                _compare(before, after, "", emit)
    return changes
