"""Which switch of ``disable_v2_behavior()`` causes each difference between TF1 and TF2 behaviour.

``disable_v2_behavior()`` sets several switches the TF1 way (``modes.SWITCHES``). For every
idiom whose observation differs under TF2 behaviour, ``CAUSES`` names the switch that, set back
the TF2 way alone in TF1 mode (``TF1_REFERENCE_SWITCH``), gives TF2's observation (or the
switches that take it together), and the TF2-native way to write the idiom. ``PITFALLS`` are
observations that one switch alone gives and neither behaviour does: what a half-migrated
program meets. ``tests/reference/catalogue/test_switches.py`` runs a child process per switch
and checks both; ``table`` renders them for ``reference/README.md``.
"""
import dataclasses
import json

ABSENT = "<absent>"
CELL = 100  # characters of a value shown in the table


@dataclasses.dataclass(frozen=True)
class Cause:
    """``switches``: each of them alone gives TF2's observation; with ``together``, only all of
    them at once do. ``fix``: the TF2-native way (markdown)."""
    switches: tuple
    fix: str
    together: bool = False


RV, CF, TS = ("resource_variables",), ("control_flow_v2",), ("v2_tensorshape",)
CAUSES = {
    "shared_cell_in_multi_rnn_cell": Cause(CF, "only the error's node names change (no "
                                           "`rnn/while/` frame): build one cell per layer (one "
                                           "Keras cell object per layer)"),
    "dynamic_rnn_needs_rank_3": Cause(TS, "the same ValueError, an unknown dimension shown as "
                                      "None; reshape to [batch, time, size] first (a Keras "
                                      "layer checks ndim=3 when called)"),
    "optimizer_slots_follow_the_variable": Cause(RV, "nothing to change: the update is "
                                                 "`ResourceApplyMomentum`, still on the "
                                                 "variable's device"),
    "bidirectional_notes_000_inputs": Cause(CF, "nothing to change: each direction is one "
                                            "`StatelessWhile`; Keras `Bidirectional` in TF2"),
    "regularizers_network_as_written": Cause(RV, "the same ValueError, the weight read by "
                                             "`ReadVariableOp`; `x @ w` of matching shapes"),
    "placeholder_shapes": Cause(TS, "the same ValueError, the unknown dimension shown as None; "
                                "a `tf.function` with `input_signature` in TF2"),
    "ref_variables_are_mutable": Cause(RV, "an eager `tf.Variable` is a `ResourceVariable` of "
                                       "dtype float32: `v.assign(...)` writes it"),
    "notes_dynamic_rnn_call": Cause(CF, "nothing to change: the loop is one `StatelessWhile`; "
                                    "a Keras RNN layer with a mask in TF2"),
    "shape_vs_get_shape": Cause(TS, "nothing to change for `as_list()`; a dimension is an "
                                "`int` (or `None`), so drop `.value`"),
    "feed_a_variable_and_any_tensor": Cause(RV, "a resource variable cannot be fed: feed a "
                                            "placeholder, or `v.assign(3.0)`; in TF2 pass the "
                                            "value to the `tf.function`"),
    "initializer_anatomy": Cause(RV, "nothing to change: the initializer is an "
                                 "`AssignVariableOp`; an eager `tf.Variable` holds its value "
                                 "from creation"),
    "initialize_a_subset": Cause(RV, "an eager `tf.Variable` is initialized when created; in "
                                 "graph mode initialize every variable that is read"),
    "variable_sharing": Cause(RV, "share the object: one `tf.Module` or Keras layer called "
                              "twice (`reuse=tf.compat.v1.AUTO_REUSE` in TF1 code)"),
    "rnn_in_a_loop_needs_its_own_scope": Cause(RV + CF, "one Keras RNN layer object per layer; "
                                               "calling it again reuses its weights"),
    "cond_picks_a_branch": Cause(CF, "nothing to change: `tf.cond` builds `StatelessIf`; under "
                                 "`tf.function` a Python `if` on a tensor (AutoGraph)"),
    "case_with_exclusive": Cause(CF, "the assertion still fails, from inside a function (no "
                                 "node); AutoGraph `if`/`elif` in a `tf.function`"),
    "while_loop_counts": Cause(CF, "nothing to change: `StatelessWhile`; a Python `while` on a "
                               "tensor in a `tf.function`"),
    "dependency_on_existing_tensor_is_ignored": Cause(
        RV + CF, "apply the average to a variable; in a `tf.function` stateful ops run in the "
                 "order written (automatic control dependencies)", together=True),
    "variable_inside_dependencies_drops_them": Cause(
        RV + CF, "a resource variable's `identity` reads it inside the block, so the dependency "
                 "holds (resource variables alone); the notes' program, an average of a tensor "
                 "under `ema_op`, fails to build with both (as "
                 "`dependency_on_existing_tensor_is_ignored`); `tf.function` orders it anyway",
        together=True),
    "stop_gradient_blocks_one_path": Cause(RV, "the same error, naming resource variables; "
                                           "`tf.GradientTape.gradient` gives None instead"),
    "stacked_cell_reused_after_loop": Cause(CF, "Keras RNN layers in a `tf.function`; a loop's "
                                            "values leave its body only as its outputs"),
    "cells_match_numpy": Cause(CF, "Keras RNN layers; the gradient of a v2 while loop sums the "
                                   "steps in another order (the last float32 bit)"),
    "check_numerics_counterpart": Cause(RV, "`tf.debugging.enable_check_numerics()` with "
                                        "resource variables (TF2's default)"),
    "string_input_producer_epochs": Cause(RV, "`tf.data.Dataset.from_tensor_slices(names)"
                                          ".repeat(n)`: no epoch variable to initialize"),
}

PITFALL_SWITCHES = CF
PITFALLS = {  # control flow v2 over ref variables: the shadow's initializer reads var0 itself,
    # so in global_variables_initializer() it races var0's (ema_values, restore_shadow_values)
    "ema_shadow_initialized_first": {
        "shadow_first": {"raised": {"type": "FailedPreconditionError",
                                    "message": "Attempting to use uninitialized value var0"}},
        "after_var0": 10.0},
}


def differing_keys(tf1, tf2):
    """The keys whose values differ between two observations of one idiom."""
    return sorted(k for k in set(tf1) | set(tf2) if tf1.get(k, ABSENT) != tf2.get(k, ABSENT))


def gives_tf2(tf1, tf2, switched):
    """True when ``switched`` has TF2's value at every key where TF1 and TF2 differ."""
    return all(switched.get(k, ABSENT) == tf2.get(k, ABSENT) for k in differing_keys(tf1, tf2))


def _shown(value, other):
    """``value`` in a table cell: a string from a little before where it parts from ``other``,
    anything else as JSON; cut to ``CELL`` characters."""
    if isinstance(value, str) and isinstance(other, str):
        common = next((i for i, (a, b) in enumerate(zip(value, other)) if a != b),
                      min(len(value), len(other)))
        text = ("…" if common > 12 else "") + value[max(common - 12, 0):] or '""'
    else:
        text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= CELL else text[:CELL - 1] + "…"


def _differences(mine, theirs, path):
    """``[(path, shown value)]`` where ``mine`` differs from ``theirs``, down to the leaves
    both have."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        found = []
        for key in list(mine) + [k for k in theirs if k not in mine]:
            found += _differences(mine.get(key, ABSENT), theirs.get(key, ABSENT),
                                  f"{path}.{key}" if path else key)
        return found
    if mine == theirs:
        return []
    return [(path, ABSENT if mine == ABSENT else _shown(mine, theirs))]


def _cell(observation, other, keys):
    """What ``observation`` has under ``keys`` that ``other`` has not."""
    parts = _differences({k: observation.get(k, ABSENT) for k in keys},
                         {k: other.get(k, ABSENT) for k in keys}, "")
    return "; ".join(f"{path}: {value}" for path, value in parts).replace("|", "/")


def _switch_cell(cause):
    joined = (" + " if cause.together else " or ").join(f"`{s}`" for s in cause.switches)
    return f"{joined} (together)" if cause.together else joined


def table(tf1, tf2, causes=None, pitfalls=None):
    """The markdown table: idiom, TF1 value, TF2 value, the switch, the TF2-native way.

    ``tf1``, ``tf2``: ``{idiom: observation}`` of the two behaviours (a ledger's);
    ``causes``, ``pitfalls``: default ``CAUSES`` and ``PITFALLS``."""
    causes = CAUSES if causes is None else causes
    pitfalls = PITFALLS if pitfalls is None else pitfalls
    rows = ["| idiom | TF1 | TF2 | switch | TF2-native |", "|---|---|---|---|---|"]
    for name, cause in sorted(causes.items()):
        keys = differing_keys(tf1[name], tf2[name])
        rows.append(f"| `{name}` | {_cell(tf1[name], tf2[name], keys)} | "
                    f"{_cell(tf2[name], tf1[name], keys)} | "
                    f"{_switch_cell(cause)} | {cause.fix} |")
    for name, observed in sorted(pitfalls.items()):
        rows.append(f"| `{name}` | {_cell(tf1[name], observed, list(observed))} | as TF1 | "
                    f"only {' + '.join(f'`{s}`' for s in PITFALL_SWITCHES)}: "
                    f"{_cell(observed, tf1[name], list(observed))} | set every switch together "
                    "(`disable_v2_behavior()` or none) |")
    return "\n".join(rows)
