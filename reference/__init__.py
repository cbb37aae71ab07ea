"""TF1 graph-mode idioms of the study notes, one family per module
(import `reference.tf1` first)."""
