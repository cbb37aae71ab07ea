"""Scripts that serve the experiments without training a model: a local cluster launcher, a
TensorBoard screenshot and the MNIST to TFRecord converter."""
