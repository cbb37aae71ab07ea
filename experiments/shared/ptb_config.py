"""The PTB model's hyperparameters: the tutorial's presets and its learning-rate schedule.

Shared by ``experiments.ptb`` (TF1) and ``experiments.ptb_tf2`` (TF2-native), so it imports no
TensorFlow: dtypes are names.

Names as in the tutorial: init_scale, initial scale of the uniform weight initializer;
learning_rate; max_grad_norm, gradient clipping norm; num_layers; num_steps, unrolled steps;
hidden_size; max_epoch, epochs at the initial learning rate; max_max_epoch, total epochs;
keep_prob, dropout keep probability; lr_decay, decay per epoch after max_epoch; batch_size.
``vocab_size`` is taken from the data.
"""
import dataclasses

BASIC, BLOCK, FUSED = "basic", "block", "fused"
RNN_MODES = (BASIC, BLOCK, FUSED)
COMPUTE_DTYPES = ("float32", "bfloat16")
# Epochs on the generated corpus unless --max_max_epoch says otherwise: the small config's
# valid perplexity there is best near epoch 5 and its 13 epochs overfit.
GENERATED_EPOCHS = 6


@dataclasses.dataclass(frozen=True)
class PTBConfig:
    """Hyperparameters, with the tutorial's names (see the module docstring).

    ``rnn_mode``: ``basic`` unrolls ``BasicLSTMCell``s by hand, ``block`` runs the fused
    ``BlockLSTM`` kernel on the same variables, ``fused`` runs them layer by layer with each
    layer's input projection as one matmul (``reference/training/layerwise_lstm.py``).
    ``compute_dtype="bfloat16"`` runs the matmuls in bfloat16 on float32 master weights with a
    float32 loss (basic and fused modes); ``use_fp16`` is the tutorial's float16 everything.
    """
    init_scale: float = 0.1
    learning_rate: float = 1.0
    max_grad_norm: float = 5.0
    num_layers: int = 2
    num_steps: int = 20
    hidden_size: int = 200
    max_epoch: int = 4
    max_max_epoch: int = 13
    keep_prob: float = 1.0
    lr_decay: float = 0.5
    batch_size: int = 20
    vocab_size: int = 10000
    rnn_mode: str = BASIC
    use_fp16: bool = False
    compute_dtype: str = "float32"

    def __post_init__(self):
        if self.compute_dtype not in COMPUTE_DTYPES:
            raise ValueError(f"compute_dtype must be float32 or bfloat16, got "
                             f"{self.compute_dtype!r}")
        if self.compute_dtype == "bfloat16" and (self.use_fp16 or self.rnn_mode == BLOCK):
            raise ValueError("bfloat16 needs rnn_mode basic or fused (BlockLSTM has no "
                             "bfloat16 kernel) and excludes use_fp16")
        if not 0.0 < self.keep_prob <= 1.0:
            raise ValueError(f"keep_prob must be in (0, 1], got {self.keep_prob!r}")
        if self.rnn_mode not in RNN_MODES:
            raise ValueError(f"rnn_mode must be basic, block or fused, got {self.rnn_mode!r}")
        for field in ("num_layers", "num_steps", "hidden_size", "batch_size", "vocab_size",
                      "max_max_epoch"):
            if getattr(self, field) < 1:
                raise ValueError(f"{field} must be >= 1, got {getattr(self, field)!r}")

    @property
    def dtype(self):
        """The activations' dtype name (and the variables', except under bfloat16)."""
        return "float16" if self.use_fp16 else self.compute_dtype

    def learning_rate_at(self, epoch):
        """The tutorial's schedule: ``learning_rate`` for ``max_epoch`` epochs, then decayed by
        ``lr_decay`` each epoch (``epoch`` counts from 0)."""
        return self.learning_rate * self.lr_decay ** max(epoch + 1 - self.max_epoch, 0.0)

    def evaluation(self):
        """The Valid phase's config: float32 compute (it reads the master weights directly)."""
        return dataclasses.replace(self, compute_dtype="float32")


CONFIGS = {
    "small": PTBConfig(),
    "medium": PTBConfig(init_scale=0.05, num_steps=35, hidden_size=650, max_epoch=6,
                        max_max_epoch=39, keep_prob=0.5, lr_decay=0.8),
    "large": PTBConfig(init_scale=0.04, max_grad_norm=10.0, num_steps=35, hidden_size=1500,
                       max_epoch=14, max_max_epoch=55, keep_prob=0.35, lr_decay=1 / 1.15),
    "test": PTBConfig(max_grad_norm=1.0, num_layers=1, num_steps=2, hidden_size=2, max_epoch=1,
                      max_max_epoch=1),
}
