"""tsa-registry's side of Simpletransformers' NERModel: the subclass every run, prediction and
`check --deep` load, its training features, the NERArgs it is given, and tagging with it.

- model: TSANERModel, NERModel with a few methods overridden (why, in its docstring).
- features: NERModel's own features, built faster and compared with NERModel's at run time.
- args: the NERArgs that keep NERModel quiet and inside its folder, and those it is never given.
- tagging: max_seq_length for a loaded model and its data; tags for sentences.
- safe_load: torch.load that never unpickles code.

These import torch and simpletransformers (args excepted): only the training process,
prediction and `check --deep` import them, never a listing or the terminal UI's first screen.
"""
