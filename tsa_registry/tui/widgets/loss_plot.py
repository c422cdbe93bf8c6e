"""The training loss over steps, and dev F1 after each epoch, as a terminal plot.

Importing this module imports plotext: only the run and runs screens do, never the first screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot

from tsa_registry.formatting import as_percent

MAX_POINTS = 400  # more points than a terminal has columns only slow the drawing


def thin(xs: Sequence[float], ys: Sequence[float], most: int = MAX_POINTS) -> tuple[list[float], list[float]]:
    """At most `most` points: the mean of each run of consecutive points."""
    if len(xs) <= most:
        return list(xs), list(ys)
    size = -(-len(xs) // most)
    out_x, out_y = [], []
    for start in range(0, len(xs), size):
        chunk_x, chunk_y = xs[start:start + size], ys[start:start + size]
        out_x.append(chunk_x[-1])
        out_y.append(sum(chunk_y) / len(chunk_y))
    return out_x, out_y


class LossPlot(PlotextPlot):
    """Call `show()` with new data; the owner decides how often (on a timer, not each step)."""

    def show(self, steps: Sequence[int], losses: Sequence[float],
             f1_steps: Sequence[int] = (), f1s: Sequence[float] = (), status: str = "running") -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title("training loss" + (" and dev F1" if f1s else ""))
        plt.xlabel("step")
        if steps:
            xs, ys = thin(steps, losses)
            plt.plot(xs, ys, marker="braille", label="loss")
        if f1s:
            plt.scatter(list(f1_steps), [as_percent(f) for f in f1s], marker="●", yside="right", label="dev F1 %")
            plt.ylim(0, 100, yside="right")  # type: ignore[arg-type]  # F1 in percent, as in every table
        if not steps:
            plt.title("training loss: waiting for the first step" if status in ("running", "cancelling")
                      else f"training loss: none, the run {status} before its first step")
        self.refresh()
