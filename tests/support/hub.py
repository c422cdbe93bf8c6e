"""A Hub-compatible server on loopback: olah in offline mode, serving git mirrors built here.

olah answers the Hub API and file downloads from local git repositories (`mirrors-path`). A thin
ASGI front layer of our own sits before it and
- logs every request (method, path, Range header, status, body bytes sent), so tests can prove
  that no weight file was downloaded;
- answers what offline olah cannot: a gated repository (401/403 GatedRepo on files), a rate
  limit (429), a revision that does not exist (404 RevisionNotFound; offline olah says 401), and
  Range requests on mirrored files (olah streams the whole file; the Hub sends 206 and the range);
- publishes a repository's commit under another id (`aliases`): a git commit's hash follows from
  its content, so a fixture that stands in for a real repository at a pinned commit (ltg/norec_tsa
  at the revision tsa-registry reads) is served under that commit's id.

Model repositories come from SPECS (tests/support/hub_repos.py, `model(name)`), dataset
repositories from DATASETS (tests/support/hub_datasets.py, `dataset(name)`).

Usable outside pytest: `HubServer(root).start()` and point HF_ENDPOINT at `.url` before
huggingface_hub is imported (benchmarks/check_cost.py does this).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

from tests.support.hub_front import WEIGHT_SUFFIXES, FrontLayer, Request, repo_of
from tests.support.hub_repos import ORG, SPECS


class HubServer:
    """`model(name)` builds a repository from SPECS on first use and returns its repo id."""

    def __init__(self, root: Path, tiny_models=None, sock: socket.socket | None = None):
        from tests.support.models import TinyModels

        self.root = Path(root)
        self.mirrors = self.root / "mirrors" / "models"
        self.aliases: dict[str, tuple[str, str]] = {}  # repo id -> (published commit, real commit)
        self.models = tiny_models or TinyModels(self.root / "tiny")
        self.sock = sock or _loopback_socket()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.log: list[Request] = []
        self.behaviour: dict[str, str] = {}
        self.weight_bytes: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server = None
        self._thread: threading.Thread | None = None

    # --- repositories ---------------------------------------------------------------------------
    def model(self, name: str) -> str:
        """The repo id of fixture `name`, built (once) into a git mirror that olah serves."""
        spec = SPECS[name]
        repo_id = spec.get("repo_id", f"{ORG}/{name}")
        with self._lock:
            if not (self.mirrors / repo_id).exists():
                self._build(name, repo_id, spec)
        return repo_id

    def _build(self, name: str, repo_id: str, spec: dict) -> None:
        source = self.models.get(spec["arch"], **spec.get("options", {}))
        work = self.root / "build" / name
        shutil.copytree(source, work)
        if "config" in spec:
            config = json.loads((work / "config.json").read_text(encoding="utf-8"))
            for key, value in spec["config"].items():
                config.pop(key) if value is None else config.__setitem__(key, value)
            (work / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
        for filename, text in {**spec.get("files", {}), **spec.get("raw", {})}.items():
            (work / filename).write_text(text, encoding="utf-8")
        if "behaviour" in spec:
            self.behaviour[repo_id] = spec["behaviour"]
        self.add_folder(repo_id, work)

    def dataset(self, name: str) -> str:
        """The repo id of dataset fixture `name`, built (once) into a git mirror that olah serves."""
        from tests.support.hub_datasets import DATASETS, build_dataset

        spec = DATASETS[name]
        with self._lock:
            if not self.mirror(spec.repo_id, "datasets").exists():
                work = build_dataset(spec, self.root / "build" / "datasets" / name)
                self.add_folder(spec.repo_id, work, kind="datasets", lfs_suffixes=(".parquet",))
                if spec.behaviour:
                    self.behaviour[spec.repo_id] = spec.behaviour
                if spec.published_as:
                    self.aliases[spec.repo_id] = (spec.published_as, self.head(spec.repo_id, "datasets"))
        return spec.repo_id

    def mirror(self, repo_id: str, kind: str = "models") -> Path:
        """The git mirror of a repository (`kind`: models or datasets)."""
        return self.root / "mirrors" / kind / repo_id

    def head(self, repo_id: str, kind: str = "models") -> str:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.mirror(repo_id, kind),
                              capture_output=True, text=True, check=True).stdout.strip()

    def add_folder(self, repo_id: str, folder: Path, *, kind: str = "models",
                   lfs_suffixes: tuple[str, ...] = WEIGHT_SUFFIXES) -> str:
        """Publish a folder as repository `repo_id` (branch main), files ending in `lfs_suffixes` stored
        as LFS objects (for a model: its weights)."""
        repo = self.mirror(repo_id, kind)
        shutil.copytree(folder, repo)
        _git(repo, "init", "-q", "-b", "main")
        lfs = repo / ".git" / "lfs" / "objects"
        patterns = []
        for path in sorted(repo.rglob("*")):
            if path.is_file() and ".git" not in path.parts and path.name.endswith(lfs_suffixes):
                data = path.read_bytes()
                oid = hashlib.sha256(data).hexdigest()
                (lfs / oid[:2] / oid[2:4]).mkdir(parents=True, exist_ok=True)
                (lfs / oid[:2] / oid[2:4] / oid).write_bytes(data)
                path.write_text(f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\n"
                                f"size {len(data)}\n")
                self.weight_bytes[f"{repo_id}/{path.relative_to(repo)}"] = len(data)
                patterns.append(f"*{path.suffix} filter=lfs diff=lfs merge=lfs -text\n")
        (repo / ".gitattributes").write_text("".join(sorted(set(patterns))))
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"Add {repo_id}")
        return repo_id

    def weights_of(self, repo_id: str) -> int:
        """Total bytes of the weight files of a repository."""
        return sum(n for key, n in self.weight_bytes.items() if key.startswith(repo_id + "/"))

    # --- request log ----------------------------------------------------------------------------
    def mark(self) -> int:
        """A position in the log: `requests(since=mark)` gives what came after it."""
        return len(self.log)

    def requests(self, repo_id: str | None = None, since: int = 0) -> list[Request]:
        return [r for r in self.log[since:] if repo_id is None or repo_of(r.path) == repo_id]

    def weight_downloads(self, repo_id: str | None = None, since: int = 0) -> list[Request]:
        """Requests that fetched weights: a GET of a weight file that was not a Range request for
        part of the file (the safetensors header), or that got the whole file anyway."""
        found = []
        for r in self.requests(repo_id, since):
            if r.is_weight_download:
                size = self.weight_bytes.get(f"{repo_of(r.path)}/{r.path.split('/resolve/')[1].split('/', 1)[1]}")
                if r.range is None or size is None or r.bytes >= size:
                    found.append(r)
        return found

    def bytes_sent(self, repo_id: str | None = None, since: int = 0) -> int:
        """Response body bytes sent (headers not counted)."""
        return sum(r.bytes for r in self.requests(repo_id, since))

    # --- server ---------------------------------------------------------------------------------
    def start(self) -> HubServer:
        import olah.server
        import uvicorn
        from olah.configs import OlahConfig

        config = OlahConfig()
        config.offline = True
        config.mirrors_path = [str(self.root / "mirrors")]
        config.repos_path = str(self.root / "olah-cache")
        config.host, config.port = "127.0.0.1", self.sock.getsockname()[1]
        olah.server.app.state.app_settings = olah.server.AppSettings(config=config)
        self.mirrors.mkdir(parents=True, exist_ok=True)
        app = FrontLayer(olah.server.app, self)
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self.sock]},
                                        daemon=True, name="test-hub")
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test Hub server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)

    def read_range(self, repo_id: str, revision: str, path: str, first: int, last: int | None):
        """(bytes first..last, file size) of a file in a mirror, LFS objects included; None if absent."""
        done = subprocess.run(["git", "show", f"{revision}:{path}"], cwd=self.mirrors / repo_id,
                              capture_output=True)
        if done.returncode:
            return None
        pointer = re.match(rb"version https://git-lfs.github.com/spec/v1\noid sha256:([0-9a-f]{64})\n"
                           rb"size (\d+)\n$", done.stdout)
        if pointer is None:
            data = done.stdout
            return data[first:None if last is None else last + 1], len(data)
        oid, size = pointer.group(1).decode(), int(pointer.group(2))
        with open(self.mirrors / repo_id / ".git" / "lfs" / "objects" / oid[:2] / oid[2:4] / oid, "rb") as f:
            f.seek(first)
            return f.read((size if last is None else min(last + 1, size)) - first), size

    def revision_exists(self, repo_id: str, revision: str, kind: str = "models") -> bool:
        done = subprocess.run(["git", "rev-parse", "-q", "--verify", f"{revision}^{{commit}}"],
                              cwd=self.mirror(repo_id, kind), capture_output=True)
        return done.returncode == 0


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=tsa-test", "-c", "user.email=tsa-test@localhost",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True)


def _loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock
