"""What makes graph-mode training fast or scaled: run-time callables, batched gradients,
input gradients on weights transposed once, layer-by-layer LSTMs, mixed-precision master
weights, checkpoint housekeeping and between-graph replication."""
