"""Runnable absl-flag experiments from the notes (`python -m experiments.<name>`)."""
