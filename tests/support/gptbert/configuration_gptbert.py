"""A shrunken stand-in for NorBERT 4's configuration, written for the tests from the public
description of GPT-BERT (the model card and the configuration's published keys): like the
published one it has no model_type, and it records `model = "norbert4"`."""

from transformers import PretrainedConfig


class GptBertConfig(PretrainedConfig):
    def __init__(self, vocab_size=1000, hidden_size=32, intermediate_size=64, num_layers=2,
                 num_attention_heads=2, max_sequence_length=512, local_window_length=256,
                 local_global_ratio=4, rope_theta=160000, classifier_dropout=0.2, layer_norm_eps=1e-7,
                 **kwargs):
        super().__init__(**kwargs)
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.intermediate_size = intermediate_size
        self.num_layers = num_layers
        self.num_attention_heads = num_attention_heads
        self.max_sequence_length = max_sequence_length
        self.local_window_length = local_window_length
        self.local_global_ratio = local_global_ratio
        self.rope_theta = rope_theta
        self.classifier_dropout = classifier_dropout
        self.layer_norm_eps = layer_norm_eps
        self.model = "norbert4"
