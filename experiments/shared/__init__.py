"""What the experiment scripts share: the absl entry point, the common flags, the session and
step loop of the small experiments, and the curves drawn for image summaries."""
