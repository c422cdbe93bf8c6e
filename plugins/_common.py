"""Defaults shared by the built-in families: the NorBench TSA protocol's hyperparameters."""

NORBENCH_DEFAULTS = {
    "learning_rate": 5e-5,
    "train_batch_size": 32,
    "num_train_epochs": 10,
}

UNCASED_PROBLEM = (
    "Simpletransformers passes do_lower_case=False to the tokenizer unless told otherwise, so an "
    "uncased vocabulary turns capitalised words into [UNK]: uncased checkpoints need do_lower_case=True."
)
