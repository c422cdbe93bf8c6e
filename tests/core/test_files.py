"""Where commands write is checked before any work starts; what they read must be a file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tsa_registry.cli import main

DATA = "Filmen\tB-targ-Positive\nvar\tO\nflott\tO\n"


@pytest.fixture
def data(tmp_path) -> Path:
    path = tmp_path / "data.conll"
    path.write_text(DATA, encoding="utf-8")
    return path


@pytest.fixture
def immutable(tmp_path):
    folder = tmp_path / "immutable"
    folder.mkdir()
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    yield folder
    subprocess.run(["chattr", "-i", str(folder)], check=True)


def unwritable_output(case: str, tmp_path: Path, request) -> tuple[str, str]:
    """An --output that cannot be written, with what the message must say of it."""
    if case == "proc":
        return "/proc/x", "no file can be created in /proc"
    if case == "device":
        return "/dev/null", "/dev/null: exists and is not a folder"
    if case == "dangling":
        (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
        return str(tmp_path / "dangling"), f"is a symbolic link to {tmp_path / 'nowhere'}, which does not exist"
    folder = request.getfixturevalue("immutable")
    return str(folder / "run"), f"no file can be created in {folder} (Operation not permitted)"


@pytest.mark.parametrize("case", ["proc", "dangling", "device", "immutable"])
def test_train_refuses_an_unwritable_output_before_reading_anything(tmp_path, request, data, case):
    output, message = unwritable_output(case, tmp_path, request)
    result = CliRunner().invoke(main, ["train", "no-such/model", "--train", str(data), "--dev",
                                       str(data), "--output", output])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "choose another --output" in result.stderr
    assert "Traceback" not in result.output


def test_train_refuses_a_runs_folder_it_cannot_write(data, monkeypatch):
    monkeypatch.setenv("TSA_REGISTRY_HOME", "/proc/tsa")
    result = CliRunner().invoke(main, ["train", "no-such/model", "--train", str(data), "--dev", str(data)])
    assert result.exit_code == 2
    assert "/proc/tsa/data/runs: cannot be written: no file can be created in /proc" in result.stderr
    assert "set TSA_REGISTRY_HOME to a folder you can write" in result.stderr


def test_tiny_model_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "mine"}')
    result = CliRunner().invoke(main, ["tiny-model", str(folder)])
    assert result.exit_code == 2
    assert f"{folder}: exists and is not empty; choose a new folder" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["config.json"]
    assert (folder / "config.json").read_text() == '{"model_type": "mine"}'


def test_check_writable_for_files():
    from tsa_registry.files import FileProblem, ensure_writable

    with pytest.raises(FileProblem, match="is also an input"):
        ensure_writable("/etc/../etc/hostname", replace=True, inputs=["/etc/hostname"])
    with pytest.raises(FileProblem, match="is not a regular file"):
        ensure_writable("/dev/null", replace=True)
    with pytest.raises(FileProblem, match="is a folder: give a file name"):
        ensure_writable("/tmp", replace=True)


def test_read_text_refuses_what_is_not_a_file(tmp_path):
    from tsa_registry.files import FileProblem, read_text

    with pytest.raises(FileProblem, match="is a folder, not a file"):
        read_text(tmp_path)
    with pytest.raises(FileProblem, match="no such file"):
        read_text(tmp_path / "missing")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, "-c", f"open({str(fifo)!r}, 'w').write('a\\tO\\n')"])
    assert read_text(fifo) == "a\tO\n"  # a pipe is read (as <(...) gives), up to the limit
    writer.wait()


def test_a_symlink_loop_is_a_local_path_that_cannot_be_resolved(tmp_path):
    from tsa_registry.files import FileProblem, local_folder

    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(FileProblem, match="is a local path that cannot be resolved .a loop of symbolic links"):
        local_folder(tmp_path / "a")
    assert local_folder(tmp_path / "missing") is None and local_folder(tmp_path) == tmp_path


def test_ctrl_c_before_the_run_folder_exists_exits_130(tmp_path, user_home):
    """Ctrl-C while `train` reads its data (a pipe nobody writes to yet) cancels with status 130."""
    fifo = tmp_path / "train.conll"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "tsa_registry", "train", "no-such/model", "--train", str(fifo),
         "--dev", str(fifo)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    with open(fifo, "w"):  # returns once `train` has opened the pipe to read it
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Cancelled (Ctrl-C)." in err and "Traceback" not in err and "Aborted" not in err
    assert not (user_home / "data" / "runs").exists()


def test_the_terminal_ui_without_a_terminal_exits_with_a_message(user_home):
    """No terminal: a message and status 2 at once, before Textual is even imported (the
    timeout only guards against the hang this replaced)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tsa_registry"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "the terminal UI needs a terminal" in done.stderr and "--help" in done.stderr
    assert "textual" not in done.stderr  # -X importtime lists every module imported
