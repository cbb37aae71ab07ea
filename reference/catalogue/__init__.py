"""The machinery behind ``python -m reference``: the demonstration registry, the TF1/TF2 mode
switch, the errata and the NumPy oracles the RNN demonstrations compare against."""
