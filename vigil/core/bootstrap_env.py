"""Write a first .env for a new installation: `python -m vigil.core.bootstrap_env .env`.

Never overwrites a value that is already there; adds what is missing; mode 600.
"""

import os
import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet


def missing_lines(existing: str) -> list[str]:
    present = {
        line.split("=", 1)[0].strip()
        for line in existing.splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    lines = []
    if "DJANGO_SECRET_KEY" not in present and "DJANGO_SECRET_KEY" not in os.environ:
        lines.append(f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}")
    if "VIGIL_ENCRYPTION_KEYS" not in present and "VIGIL_ENCRYPTION_KEYS" not in os.environ:
        lines.append(f"VIGIL_ENCRYPTION_KEYS={Fernet.generate_key().decode()}")
    if "VIGIL_JWT_KEYS" not in present and "VIGIL_JWT_KEYS" not in os.environ:
        lines.append(f"VIGIL_JWT_KEYS={secrets.token_urlsafe(48)}")
    return lines


def main(argv: list[str]) -> int:
    target = Path(argv[1] if len(argv) > 1 else ".env").absolute()
    existing = target.read_text() if target.exists() else ""
    lines = missing_lines(existing)
    if lines:
        header = (
            "" if existing else "# Written by `make env`; see .env.sample for every variable.\n"
        )
        with open(target, "a") as handle:
            if existing and not existing.endswith("\n"):
                handle.write("\n")
            handle.write(header + "\n".join(lines) + "\n")
        print(f"{target}: added {', '.join(line.split('=')[0] for line in lines)}")
    os.chmod(target, 0o600)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
