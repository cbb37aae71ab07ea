"""Input pipelines of the notes: queue-fed producers and their tf.data twins."""
