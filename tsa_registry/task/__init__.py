"""The targeted sentiment analysis task itself, below everything that checks or trains a model.

- conll: NoReC_tsa CoNLL files (read with errors naming file and line, written back).
- tags: the tag set, its order, the one span reader, BIO repair.
- metrics, scoring: strict span F1 exactly as NorBench computes it; scoring files.
- lengths: sentence length in subwords as NERModel counts it, the positions a model can use,
  and the one choice of max_seq_length.
- norwegian: Bokmål and Nynorsk probe sentences, TSA-tagged template sentences.

Nothing here imports torch or simpletransformers; `lengths` takes a tokenizer it is given.
"""
