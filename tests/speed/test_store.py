"""Kept measurements are found again for this machine and model revision, and not for another."""

from __future__ import annotations

import msgspec

from tsa_registry.cpus import cores
from tsa_registry.speed import store
from tsa_registry.speed.machine import cpu_model, library_versions
from tsa_registry.speed.results import Latency, Measurement, Memory, Subwords


def measurement(p90: float, **changes) -> Measurement:
    torch, transformers = library_versions()
    fields = dict(
        model="xlm-roberta-base", revision="abc123", weights="random", device="cpu",
        device_name=cpu_model(), threads=cores(), dtype="float32", torch=torch,
        transformers=transformers, data="built-in", sentences=10,
        subwords=Subwords(mean=30.0, p50=28.0, p90=50.0, max=90),
        latency=Latency(p50_ms=p90 / 2, p90_ms=p90, p99_ms=p90 * 2, mean_ms=p90 / 2, count=10),
        throughput={1: 10.0, 8: 20.0, 32: 30.0, 64: 30.0},
        memory=Memory(kind="rss", weights_mib=1000.0, peak_mib=1200.0),
        measured_at="2026-01-01T00:00:00+00:00")
    fields.update(changes)
    return Measurement(**fields)


def test_found_again_for_the_same_machine_and_revision(user_home):
    store.save([measurement(100.0)])
    found = store.latest_for("xlm-roberta-base", revision="abc123")
    assert found is not None and found.latency.p90_ms == 100.0
    assert store.latest_for("xlm-roberta-base") == found  # any revision
    assert store.latest_for("xlm-roberta-base", revision="def456") is None
    assert store.latest_for("bert-base-multilingual-cased") is None
    assert store.store_path().is_relative_to(user_home)


def test_not_found_for_another_machine_or_libraries(user_home):
    store.save([measurement(1.0, device_name="Some Other CPU"),
                measurement(2.0, torch="1.0.0"),
                measurement(3.0, transformers="4.0.0"),
                measurement(4.0, device="cuda", device_name=cpu_model()),
                measurement(5.0, dtype="int8")])
    assert store.latest_for("xlm-roberta-base") is None


def test_latest_wins_and_the_default_thread_count_first(user_home):
    store.save([measurement(100.0, measured_at="2026-01-01T00:00:00+00:00"),
                measurement(80.0, measured_at="2026-02-01T00:00:00+00:00"),
                measurement(500.0, threads=cores() + 1, measured_at="2026-03-01T00:00:00+00:00")])
    assert store.latest_for("xlm-roberta-base").latency.p90_ms == 80.0
    store.save([measurement(70.0, revision="new", measured_at="2026-04-01T00:00:00+00:00")])
    assert store.latest_for("xlm-roberta-base").latency.p90_ms == 70.0
    assert store.latest_for("xlm-roberta-base", revision="abc123").latency.p90_ms == 80.0


def test_a_damaged_line_is_skipped(user_home):
    path = store.save([measurement(100.0)])
    with open(path, "ab") as out:
        out.write(b'{"model": "cut short\n')
        out.write(b"not json at all\n")
        out.write(msgspec.json.encode({"model": "x", "latency": "wrong type"}) + b"\n")
    store.save([measurement(60.0, model="bert-base-multilingual-cased")])
    assert [m.model for m in store.load_all()] == ["xlm-roberta-base", "bert-base-multilingual-cased"]


def test_reading_the_store_imports_no_heavy_library(user_home):
    import subprocess
    import sys

    store.save([measurement(100.0)])
    probe = ("import sys\nfrom tsa_registry.speed.store import latest_for\n"
             "assert latest_for('xlm-roberta-base') is not None\n"
             "print(','.join(m for m in ('torch', 'transformers', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
    for command in (["list"], ["list", "--max-latency", "150"], ["show", "xlm-roberta-base"]):
        probe = ("import sys\nfrom tsa_registry.cli import main\n"
                 f"sys.argv = ['tsa-registry', *{command!r}]\n"
                 "try:\n    main()\nexcept SystemExit:\n    pass\n"
                 "print('HEAVY:' + ','.join(m for m in ('torch', 'transformers') if m in sys.modules))")
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        assert "xlm-roberta-base" in done.stdout and done.stdout.rstrip().endswith("HEAVY:"), done.stdout
