"""What makes graph-mode training fast or scaled: run-time callables, batched gradients,
mixed-precision master weights, checkpoint housekeeping and between-graph replication."""
