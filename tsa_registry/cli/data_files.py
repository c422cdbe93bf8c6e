"""A data set's name in place of a CoNLL file: `--train norec_tsa`, `--data norec_tsa:intensity`.

`data_file` is the one function every command (train, evaluate, speed, sweep) calls for such an
option: a name of a known data set becomes that split's file in the data folder, downloaded on
first use with a progress bar (on stderr, when it is a terminal). A file of that name in the
working folder wins over the data set.
"""

from __future__ import annotations

from pathlib import Path

from tsa_registry.cli.output import fail


def data_file(value: str | Path | None, split: str, *, intensity: bool = False) -> Path | None:
    """The CoNLL file for `value`: the file itself, or `split` (train, dev, test) of the data
    set it names. `intensity` picks the intensity config of a plain `norec_tsa`. Fails (exit 2,
    or 1 when the Hub cannot be reached) with a message that says what to do."""
    if value is None:
        return None
    path = Path(value)
    from tsa_registry.data.known import is_data_name

    if path.exists() or not is_data_name(str(value)):
        return path
    from tsa_registry.cli.data import _ProgressView
    from tsa_registry.data import DataSetError, UnknownDataSet
    from tsa_registry.data.get import resolve_data

    name = str(value)
    if intensity and ":" not in name:
        name += ":intensity"
    try:
        with _ProgressView() as show:
            return resolve_data(name, split, progress=show)
    except UnknownDataSet as err:
        fail(str(err), code=2)
    except DataSetError as err:
        fail(str(err), 2 if err.usage else 1)
    raise AssertionError("unreachable")  # fail() exits


def names_intensity(*values: str | Path | None) -> bool:
    """Whether any of the values names an intensity config (`norec_tsa:intensity`)."""
    from tsa_registry.data.known import is_data_name

    return any(v is not None and is_data_name(str(v)) and str(v).endswith(":intensity") and not Path(v).exists()
               for v in values)
