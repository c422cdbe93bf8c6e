"""Latency, throughput and memory of one model on this machine, from its config or its weights.

A full-size copy with random weights runs at the speed of the real model: the cost depends on
the shapes and the sentence lengths, not on the weight values. So a catalogue or Hub model is
timed from `config.json` and its tokenizer alone, as `check` works; a run or a folder with
weights is timed with those weights. Measurements are kept in the user's data folder (store.py),
which `list` and `show` read without importing torch.

Modules: sentences (what is timed), stats (percentiles, timing, warm-up), memory (RSS),
machine (what "this machine" is), results (typed results), store (kept measurements),
events (progress), subject (the model to time), measure (the timing), int8 (quantization and
its F1), model_speed (all of it for one MODEL), render (text output).
"""
