"""A real IMAP server for the tests: Debian's Dovecot, with a throwaway configuration, one
passwd-file user and a Maildir, all in a temporary directory, on a free port."""

import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from email.utils import formatdate
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
instance_name = cyswllt-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
# The temporary directory is private to the user running the tests, who runs Dovecot.
service auth {{
  user = root
}}
service auth-worker {{
  user = root
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Dovecot:
    def __init__(self, root: Path, *, user: str = "waste", password: str = "imap-Test-123"):
        self.root = root
        # Dovecot never reads mail as root: as root, the mail belongs to "nobody".
        self.uid, self.gid = (65534, 65534) if os.getuid() == 0 else (os.getuid(), os.getgid())
        self.user = user
        self.password = password
        self.port = free_port()
        self.config = root / "dovecot.conf"

    @property
    def maildir(self) -> Path:
        return self.root / "mail" / self.user

    def start(self) -> None:
        for folder in ("run", "state", "home", "mail"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        for sub in ("cur", "new", "tmp"):
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o711)  # the mail reader passes through to its own folders
        for path in (self.root / "mail", self.maildir, *self.maildir.iterdir()):
            self._own(path)
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        self.config.write_text(
            CONFIG.format(root=self.root, port=self.port, uid=self.uid, gid=self.gid)
        )
        # Dovecot forks into the background: a pipe left open to it would never close.
        subprocess.run(
            [DOVECOT, "-c", str(self.config)],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    if conn.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"Dovecot did not start: {self.log()}")

    def stop(self) -> None:
        # A test server holds nothing worth a graceful shutdown, which waits seconds for its
        # processes; its children exit by themselves when the master is gone.
        pid_file = self.root / "run" / "master.pid"
        try:
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
        except (OSError, ValueError, IndexError):
            subprocess.run(
                [DOVECOT, "-c", str(self.config), "stop"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def _own(self, path: Path) -> None:
        if os.getuid() == 0:
            os.chown(path, self.uid, self.gid)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text() if path.exists() else ""

    def deliver(self, raw: bytes) -> Path:
        """Put a message in the Maildir as a local delivery agent would (tmp/, then new/)."""
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.cyswllt-test"
        temporary = self.maildir / "tmp" / name
        temporary.write_bytes(raw)
        self._own(temporary)
        final = self.maildir / "new" / name
        temporary.rename(final)
        return final

    def seen(self) -> int:
        """Messages Dovecot has marked \\Seen (the S flag in cur/)."""
        return sum(
            1 for path in (self.maildir / "cur").iterdir() if "S" in path.name.rpartition(",")[2]
        )


def message(
    *,
    subject: str = "Bin not collected",
    body: str = "My bin was not collected on Tuesday.",
    sender: str = "Ann Jones <ann@example.com>",
    to: str = "waste@example.gov.wales",
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    """A plain e-mail as a customer's mail program would write it."""
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {formatdate(localtime=False)}",
        f"Message-ID: {message_id or f'<{uuid.uuid4().hex}@example.com>'}",
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: 8bit",
    ]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode()
