"""Data sets fetched from the Hugging Face Hub into the data folder, as CoNLL files.

- known: the data sets tsa-registry knows (repository, pinned revision, configs, splits and
  their sentence counts, licence, citation); `is_data_name`, `lookup`.
- hub: their parquet files through huggingface_hub (or the HF cache offline).
- convert: parquet rows to NoReC_tsa's CoNLL form, checked both ways.
- store: the folders in the data folder, installed whole or not at all, with a manifest.
- get: `get_data` (what `data get` does), `resolve_data` (a split's file, fetched on first use),
  `statuses` (what `data list` shows).
- events, errors: typed progress events; DataSetError with a message and a fix.
"""

from tsa_registry.data.errors import DataSetError
from tsa_registry.data.get import Got, Status, get_data, resolve_data, statuses
from tsa_registry.data.known import KNOWN, DataSet, UnknownDataSet, is_data_name, lookup

__all__ = ["KNOWN", "DataSet", "DataSetError", "Got", "Status", "UnknownDataSet", "get_data",
           "is_data_name", "lookup", "resolve_data", "statuses"]
