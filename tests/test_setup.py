"""Fresh-machine set-up: scripts/system-deps.sh, which `make ingest`, `make test` and .ci/run call,
installs the Debian packages that are missing when the user may, and otherwise stops at once
with the one command to run.

The script sees the machine only through PATH, `id -u` and `sudo -n true`, so each test runs it
with a PATH of fakes: `id` says which user we are, `sudo` grants or refuses, `apt-get` records
what it was asked and "installs" soffice; `python3` can or cannot make a virtualenv.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "system-deps.sh"
BASH = shutil.which("bash") or "/bin/bash"
CHMOD = shutil.which("chmod") or "/bin/chmod"  # the fake apt-get runs with the fake PATH
ONE_COMMAND = (
    "  sudo apt-get update && sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui"
)


class Machine:
    """A fake machine: a bin folder that is the whole PATH, and a log of what apt-get was asked."""

    def __init__(self, root: Path, *, uid: int = 1000, sudo: bool = False, venv_ok: bool = True) -> None:
        self.bin = root / "bin"
        self.bin.mkdir()
        self.log = root / "apt.log"
        self.log.touch()
        self.venv = root / ".venv"
        for tool in ("find", "env"):
            (self.bin / tool).symlink_to(shutil.which(tool) or f"/usr/bin/{tool}")
        self._script("id", f'[ "$1" = -u ] && echo {uid}')
        if sudo:
            self._script(
                "sudo",
                f'[ "$1" = -n ] && shift; [ "$*" = true ] && exit 0; echo "sudo $*" >> {self.log}; exec "$@"',
            )
        else:
            self._script("sudo", "echo 'sudo: a password is required' >&2; exit 1")
        self._script(
            "apt-get",
            f'echo "apt-get $*" >> {self.log}\n'
            f'case " $* " in *" install "*) printf "#!/bin/sh\\n" > {self.bin}/soffice; {CHMOD} +x {self.bin}/soffice;; esac',
        )
        self._script("python3", "exit 0" if venv_ok else 'echo "No module named ensurepip" >&2; exit 1')

    def _script(self, name: str, body: str) -> None:
        path = self.bin / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)

    def with_soffice(self) -> Machine:
        self._script("soffice", "exit 0")
        return self

    def with_venv(self) -> Machine:
        (self.venv / "bin").mkdir(parents=True)
        (self.venv / "bin" / "python").symlink_to(self.bin / "python3")
        return self

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [BASH, str(SCRIPT), *map(str, args)],
            env={"PATH": str(self.bin), "VENV": str(self.venv)},
            capture_output=True,
            text=True,
            timeout=60,
        )

    @property
    def apt_calls(self) -> list[str]:
        return self.log.read_text().splitlines()


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "raw_docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "000_plan.txt").write_text("一、总体要求\n", encoding="utf-8")
    return folder


def test_ingest_without_legacy_files_needs_no_libreoffice(tmp_path: Path, docs: Path) -> None:
    machine = Machine(tmp_path).with_venv()  # no soffice, not root, no sudo
    result = machine.run("ingest", docs)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert machine.apt_calls == []


def test_ingest_with_a_legacy_file_and_no_way_to_install_stops_with_the_one_command(
    tmp_path: Path, docs: Path
) -> None:
    (docs / "sub" / "OLD_PLAN.DOC").write_bytes(b"\xd0\xcf\x11\xe0")
    machine = Machine(tmp_path).with_venv()
    result = machine.run("ingest", docs)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert ONE_COMMAND in lines
    assert any("OLD_PLAN.DOC" in line for line in lines)  # says why
    assert machine.apt_calls == []  # stopped at once: nothing tried


@pytest.mark.parametrize("legacy", ["plan.wps", "plan.rtf", "plan.doc"])
def test_root_installs_libreoffice_for_a_legacy_file(tmp_path: Path, docs: Path, legacy: str) -> None:
    (docs / legacy).write_bytes(b"x")
    machine = Machine(tmp_path, uid=0).with_venv()
    result = machine.run("ingest", docs)
    assert result.returncode == 0, result.stderr
    assert machine.apt_calls == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui",
    ]
    assert (machine.bin / "soffice").exists()


def test_the_test_suite_always_needs_libreoffice_and_sudo_without_a_password_installs_it(
    tmp_path: Path,
) -> None:
    machine = Machine(tmp_path, sudo=True).with_venv()
    result = machine.run("test")
    assert result.returncode == 0, result.stderr
    assert machine.apt_calls == [
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
        "apt-get update -qq",
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "
        "libreoffice-writer-nogui",
        "apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui",
    ]
    assert "installing libreoffice-writer-nogui" in result.stderr
    assert machine.run("test").returncode == 0 and len(machine.apt_calls) == 4  # now present: nothing to do


def test_the_test_suite_without_a_way_to_install_stops_with_the_one_command(tmp_path: Path) -> None:
    machine = Machine(tmp_path).with_venv()
    result = machine.run("test")
    assert result.returncode == 1
    assert ONE_COMMAND in result.stderr.splitlines()
    assert machine.apt_calls == []


def test_nothing_is_done_when_soffice_is_on_path(tmp_path: Path, docs: Path) -> None:
    (docs / "plan.doc").write_bytes(b"x")
    machine = Machine(tmp_path).with_soffice().with_venv()
    assert [machine.run("test").returncode, machine.run("ingest", docs).returncode] == [0, 0]
    assert machine.apt_calls == []


def test_python3_venv_is_added_when_the_virtualenv_cannot_be_made(tmp_path: Path, docs: Path) -> None:
    machine = Machine(tmp_path, venv_ok=False).with_soffice()  # no .venv yet, no ensurepip
    result = machine.run("ingest", docs)
    assert result.returncode == 1
    assert "  sudo apt-get update && sudo apt-get install -y --no-install-recommends python3-venv" in (
        result.stderr.splitlines()
    )


def test_make_and_ci_call_the_same_step() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^ingest: system-deps-ingest ", makefile, re.M)
    assert re.search(r"^test: system-deps-test ", makefile, re.M)
    assert "scripts/system-deps.sh ingest raw_docs" in makefile
    assert "scripts/system-deps.sh test" in makefile
    assert "scripts/system-deps.sh test" in ci and "apt-get" not in ci
