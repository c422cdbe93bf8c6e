"""A shrunken stand-in for NorBERT 4's modelling code (GPT-BERT), written for the tests from the
public description of the architecture, not from its code: word embeddings without positions,
pre-norm layers with rotary position tables kept in non-persistent buffers, sliding-window
attention with every `local_global_ratio`-th layer global, a GeGLU feed-forward block, and a
token-classification head that, as the published one does, returns names its forward never
defines (`output_attentions`, `attention_probs`)."""

import torch
from torch import nn
from transformers import PreTrainedModel
from transformers.modeling_outputs import BaseModelOutput, TokenClassifierOutput

from .configuration_gptbert import GptBertConfig


class Rotary(nn.Module):
    """cos and sin tables for every position, built here and never saved (non-persistent)."""

    def __init__(self, head_size, length, theta):
        super().__init__()
        frequencies = 1.0 / theta ** (torch.arange(0, head_size, 2).float() / head_size)
        angles = torch.outer(torch.arange(length).float(), frequencies).repeat(1, 2)
        self.register_buffer("cos_matrix", angles.cos(), persistent=False)
        self.register_buffer("sin_matrix", angles.sin(), persistent=False)

    def forward(self, x):
        n, half = x.size(-2), x.size(-1) // 2
        turned = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
        return x * self.cos_matrix[:n] + turned * self.sin_matrix[:n]


class Layer(nn.Module):
    def __init__(self, config, is_global):
        super().__init__()
        h, self.heads = config.hidden_size, config.num_attention_heads
        self.window = None if is_global else config.local_window_length
        self.norm = nn.LayerNorm(h, eps=config.layer_norm_eps, elementwise_affine=False)
        self.qkv = nn.Linear(h, 3 * h, bias=False)
        self.out = nn.Linear(h, h, bias=False)
        self.rotary = Rotary(h // self.heads, config.max_sequence_length,
                             config.rope_theta if is_global else 10000)
        self.up = nn.Linear(h, 2 * config.intermediate_size, bias=False)
        self.down = nn.Linear(config.intermediate_size, h, bias=False)

    def forward(self, x, keep):
        b, n, h = x.shape
        q, k, v = (t.view(b, n, self.heads, -1).transpose(1, 2) for t in self.qkv(self.norm(x)).chunk(3, -1))
        q, k = self.rotary(q), self.rotary(k)
        allowed = keep[:, None, None, :]
        if self.window is not None:
            where = torch.arange(n, device=x.device)
            allowed = allowed & ((where[:, None] - where[None, :]).abs() <= self.window)
        scores = (q @ k.transpose(-1, -2)) / (q.size(-1) ** 0.5)
        probs = scores.masked_fill(~allowed, torch.finfo(scores.dtype).min).softmax(-1)
        x = x + self.out((probs @ v).transpose(1, 2).reshape(b, n, h))
        gate, value = self.up(self.norm(x)).chunk(2, -1)
        return x + self.down(nn.functional.gelu(gate) * value)


class GptBertPreTrainedModel(PreTrainedModel):
    config_class = GptBertConfig
    base_model_prefix = "model"

    def _init_weights(self, module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.trunc_normal_(module.weight, std=0.02)


class GptBertModel(GptBertPreTrainedModel):
    def __init__(self, config):
        super().__init__(config)
        self.embedding = nn.Embedding(config.vocab_size, config.hidden_size)
        self.layers = nn.ModuleList(Layer(config, (i + 1) % config.local_global_ratio == 0)
                                    for i in range(config.num_layers))
        self.norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps, elementwise_affine=False)
        self.post_init()

    def forward(self, input_ids, attention_mask=None, **kwargs):
        keep = torch.ones_like(input_ids, dtype=torch.bool) if attention_mask is None else attention_mask.bool()
        x = self.embedding(input_ids)
        for layer in self.layers:
            x = layer(x, keep)
        return BaseModelOutput(last_hidden_state=self.norm(x))


class GptBertForMaskedLM(GptBertPreTrainedModel):
    def __init__(self, config):
        super().__init__(config)
        self.model = GptBertModel(config)
        self.head = nn.Linear(config.hidden_size, config.vocab_size)
        self.post_init()


class GptBertForTokenClassification(GptBertPreTrainedModel):
    def __init__(self, config):
        super().__init__(config)
        self.num_labels = config.num_labels
        self.model = GptBertModel(config)
        h = config.hidden_size
        self.head = nn.Sequential(nn.LayerNorm(h, elementwise_affine=False), nn.Linear(h, h, bias=False),
                                  nn.GELU(), nn.LayerNorm(h, elementwise_affine=False),
                                  nn.Dropout(config.classifier_dropout), nn.Linear(h, config.num_labels))
        self.post_init()

    def forward(self, input_ids, attention_mask=None, output_hidden_states=None, return_dict=None,
                labels=None, **kwargs):
        logits = self.head(self.model(input_ids, attention_mask).last_hidden_state)
        loss = None
        if labels is not None:
            loss = nn.functional.cross_entropy(logits.view(-1, self.num_labels), labels.view(-1))
        # As in the published head: both return paths name variables that were never defined.
        if not return_dict:
            return (loss, logits, attention_probs if output_attentions else None)  # noqa: F821
        return TokenClassifierOutput(loss=loss, logits=logits,
                                     attentions=attention_probs if output_attentions else None)  # noqa: F821
