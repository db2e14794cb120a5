"""Result cache: a run whose inputs have not changed prints its last output again.

The key covers everything a result depends on: readycheck's own code and rule files, the
Python version, the settings, the requested outputs, and the path and content hash of every
file the run would read. On a hit nothing is parsed and no heavy module is imported, so an
unchanged repository costs little more than Python's start-up. When no file's status (size,
modification and change times, inode) has changed since a run that hashed the contents, the
key is found from the statuses without reading the files (``status/``: two digests per
entry); files changed in the last few seconds are always read (see `_SETTLED_NS`). This
relies on the change time (ctime) that POSIX sets on every write; it is not used elsewhere.

The cache lives outside the scanned tree (``$READYCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/readycheck``, else ``~/.cache/readycheck``): a repository under review
must not be able to ship its own verdict, so a cache directory inside the scanned root, or
one that is a symbolic link, is not used at all. ``READYCHECK_NO_CACHE=1`` or ``--no-cache``
turns it off. Failures to read or write the cache are ignored, an entry that is not what
readycheck wrote is a miss, and pruning deletes readycheck's own entries only: the cache is
only ever a shortcut.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from readycheck.bounds import read_head

_MAX_ENTRIES = 256
_ESCAPE = "backslashreplace"
_RUN_ENTRY = re.compile(r"[0-9a-f]{40}\.json")  # key(): a 20-byte digest, in hex
_PASSED = {"passed": True}  # a memo entry: the check passed, and nothing of what it read

T = TypeVar("T")


class _Scope:
    """What the command line says about this run: `--no-cache`, and the scanned root."""

    disabled = False
    scanned_root: Path | None = None


_SCOPE = _Scope()


def scope(root: Path, *, disabled: bool) -> None:
    """Set by `check` once per run, before anything is cached: no cache at all with
    `disabled` (`--no-cache`), and none inside `root`."""
    _SCOPE.disabled = disabled
    exclude(root)


def cut_short() -> None:
    """This run passed its deadline: nothing more is stored, its output included, which
    must not become the answer of the next run over the same files."""
    _SCOPE.disabled = True


def exclude(root: Path) -> None:
    """No cache inside `root`, the scanned tree: its files are the repository's to write."""
    _SCOPE.scanned_root = root.resolve()


def cache_dir() -> Path:
    explicit = os.environ.get("READYCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "readycheck"


def enabled() -> bool:
    no_cache = os.environ.get("READYCHECK_NO_CACHE", "").lower() in ("1", "true", "yes")
    return not (no_cache or _SCOPE.disabled)


def directory() -> Path | None:
    """The cache directory this run may use, or None: caching is off, there is no home
    directory to hold it, it is a symbolic link (which could lead anywhere, the scanned
    tree included), or it lies inside the scanned root."""
    if not enabled():
        return None
    try:
        path = cache_dir().absolute()
    except RuntimeError:  # no home directory
        return None
    if _is_link(path):
        return None
    root = _SCOPE.scanned_root
    if root is not None and path.resolve().is_relative_to(root):
        return None
    return path


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        return False  # not there yet: created as a real directory when first written


def _code_fingerprint(digest: Any) -> None:
    """readycheck's own files (code, rules, schemas): a new version is a new key."""
    import readycheck

    package = Path(readycheck.__file__).resolve().parent
    roots = [package]
    for name in ("readycheck.rules", "readycheck.schemas"):
        module = sys.modules.get(name)
        spec_paths = getattr(module, "__path__", None) if module else None
        if spec_paths:
            roots.extend(Path(p) for p in spec_paths)
        else:
            roots.append(package.parent / name.rsplit(".", 1)[1])
    for root in roots:
        if not root.is_dir():
            continue
        for entry in sorted(root.rglob("*")):
            if entry.suffix in (".py", ".yaml", ".json"):
                stat = entry.stat()
                digest.update(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())


@lru_cache(maxsize=1)
def code_version() -> str:
    """A fingerprint of readycheck's own files, once per process."""
    digest = hashlib.blake2b(digest_size=16)
    _code_fingerprint(digest)
    return digest.hexdigest()


def key(files: dict[str, Path], extra: str, max_bytes: int) -> str:
    """The cache key of a run over `files` (relative path -> real path): the hash of their
    contents (see `_content_key`), found without reading them when no file's status has
    changed since a run that hashed them (as git's index answers `git status`)."""
    # POSIX only: the shortcut needs a change time that every write sets (Windows'
    # st_ctime is the creation time).
    signature = _status_signature(files, extra) if os.name == "posix" else None
    known = _known_key(signature) if signature else None
    if known is not None:
        return known
    run_key = _content_key(files, extra, max_bytes)
    if signature:
        _remember_key(signature, run_key)
    return run_key


# A file changed less than this long ago may change again within its mtime's granularity
# (two seconds on FAT) and keep the same status: such a run's statuses are not remembered
# (git's "racily clean" entries, settled the same way: their content is read).
_SETTLED_NS = 3_000_000_000


def _status_signature(files: dict[str, Path], extra: str) -> str | None:
    """A digest of what the run is keyed by, with each file's status (size, times, inode)
    in place of its content; None when a file cannot be looked at or changed just now."""
    import time

    digest = _run_digest(extra)
    settled = time.time_ns() - _SETTLED_NS
    for rel in sorted(files):
        try:
            st = files[rel].stat()
        except OSError:
            return None
        if st.st_mtime_ns > settled or st.st_ctime_ns > settled:
            return None
        status = f"{rel}\x00{st.st_size}\x00{st.st_mtime_ns}\x00{st.st_ctime_ns}"
        digest.update(f"{status}\x00{st.st_ino}\x00{st.st_dev}\n".encode("utf-8", _ESCAPE))
    return digest.hexdigest()


def _known_key(signature: str) -> str | None:
    folder = _subfolder("status")
    if folder is None:
        return None
    try:
        data = json.loads(read_head(folder / f"{signature}.json", 1024))
    except (OSError, ValueError):
        return None
    known = data.get("key") if isinstance(data, dict) else None
    return known if isinstance(known, str) and _RUN_ENTRY.fullmatch(f"{known}.json") else None


def _remember_key(signature: str, run_key: str) -> None:
    """Remember which content key these statuses had: only the two digests are stored."""
    folder = _subfolder("status")
    if folder is None:
        return
    with contextlib.suppress(OSError):  # only a shortcut
        _write_private(folder / f"{signature}.json", json.dumps({"key": run_key}))
        _prune(folder)


def _subfolder(name: str) -> Path | None:
    """A folder of the cache directory for one kind of entry, or None: no cache, or the
    folder is a symbolic link (which could lead anywhere)."""
    folder = directory()
    if folder is None or _is_link(folder / name):
        return None
    return folder / name


def _run_digest(extra: str) -> hashlib.blake2b:
    """A digest begun with what every key of a run depends on besides its files:
    readycheck's version and own files, Python's version, the run's settings (`extra`)."""
    import readycheck

    digest = hashlib.blake2b(digest_size=20)
    # Text from the scanned tree may hold lone surrogates: encode them, never fail on them.
    head = f"{readycheck.__version__}|{sys.version}|{code_version()}|{extra}\n"
    digest.update(head.encode("utf-8", _ESCAPE))
    return digest


def _content_key(files: dict[str, Path], extra: str, max_bytes: int) -> str:
    """The hash of the run's inputs and of every file's content. A file over `max_bytes`
    is skipped unread by the run, so its size is all that counts: reading a 3 GB file only
    to hash it would cost more than the run it saves."""
    digest = _run_digest(extra)
    for rel in sorted(files):
        try:
            size = files[rel].stat().st_size
            content = read_head(files[rel], max_bytes + 1) if size <= max_bytes else b""
        except OSError:
            size, content = -1, b"\x00unreadable"
        digest.update(f"{rel}\x00{size}\x00{len(content)}\x00".encode("utf-8", _ESCAPE))
        digest.update(hashlib.blake2b(content, digest_size=16).digest())
    return digest.hexdigest()


def load(run_key: str) -> dict[str, Any] | None:
    folder = directory()
    if folder is None:
        return None
    try:
        text = read_head(folder / f"{run_key}.json", 64 * 1024 * 1024)
        data = json.loads(text)
    except (OSError, ValueError):  # missing, unreadable, truncated or not JSON
        return None
    return data if isinstance(data, dict) else None


def store(run_key: str, payload: dict[str, Any]) -> None:
    folder = directory()
    if folder is None:
        return
    try:
        _write_private(folder / f"{run_key}.json", json.dumps(payload))
        _prune(folder)
    except OSError:
        pass


def _write_private(target: Path, text: str) -> None:
    """Write `target` whole (a temporary file renamed over it), readable by its owner only:
    a run entry holds the printed output, and paths and messages of the scanned tree."""
    # Only when writing: a cache hit stays at Python's start-up cost.
    from readycheck.outputs import temporary_beside

    root = directory()
    if root is not None and target.parent != root:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)  # owner-only, whichever is first
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = temporary_beside(target)  # mode 0600; a killed run's are deleted
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def _prune(folder: Path) -> None:
    """Delete the oldest run entries beyond the bound: readycheck's own entries only,
    never another file that happens to end in .json."""
    entries = [p for p in folder.iterdir() if _RUN_ENTRY.fullmatch(p.name) and not p.is_symlink()]
    entries.sort(key=lambda p: p.stat().st_mtime)
    for stale in entries[:-_MAX_ENTRIES]:
        stale.unlink(missing_ok=True)


def remembered_pass(namespace: str, text: str, compute: Callable[[], T], passed: T) -> T:
    """`compute()`, whose result `passed` (no errors) is remembered across runs under the
    hash of `text`.

    Used for slow, pure checks such as a JSON Schema against its meta-schema: an unchanged
    schema that passed is not checked again, and jsonschema is not even imported. Only the
    fact that it passed is stored, never a result: error messages quote the scanned files
    (a token in a sample output), so a failure is checked again on each run. An entry that
    is not readycheck's own marker is a miss.
    """
    # In memory first: a schema shared by many agents is checked once per run, whatever
    # the cache settings (this memory is never written anywhere).
    key = (namespace, text)
    if key in _IN_RUN:
        return cast(T, _IN_RUN[key])
    value = _remembered_pass(namespace, text, compute, passed)
    if len(_IN_RUN) < _IN_RUN_MAX:
        _IN_RUN[key] = value
    return value


_IN_RUN: dict[tuple[str, str], object] = {}
_IN_RUN_MAX = 4096


def _remembered_pass(namespace: str, text: str, compute: Callable[[], T], passed: T) -> T:
    folder = _subfolder("memo")
    if folder is None:
        return compute()
    # Keyed by readycheck's own code too: a verdict remembered by an older build (one that
    # judged a schema differently) is never served to a newer one.
    keyed = f"{namespace}\x00{code_version()}\x00{text}"
    digest = hashlib.blake2b(keyed.encode("utf-8", _ESCAPE), digest_size=16).hexdigest()
    path = folder / f"{digest}.json"
    try:
        if json.loads(read_head(path, 1024)) == _PASSED:
            return passed
    except (OSError, ValueError):
        pass
    value = compute()
    if value == passed:
        with contextlib.suppress(OSError):  # the memo is only a shortcut
            _write_private(path, json.dumps(_PASSED))
    return value
