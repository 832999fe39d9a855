"""Store, read and delete a Cyrillic password through NIT Desk's own keyring code.

Run by ``.ci/steps/30-windows-wine.sh`` with the Windows Python under Wine, where
``keyring`` must pick ``WinVaultKeyring`` (the Windows Credential Manager). The
credential is also read back with the Win32 API itself, so a keyring that only
pretended to store it would fail here. Prints one line; exit 1 on the first wrong result.
"""

from __future__ import annotations

import sys
from typing import Any

from nit_desk.ui import keyring_store

URL = "postgresql+psycopg://оператор@db.nit.local:5433/nit_desk"
PASSWORD = "Пароль-ёЖ №42 «сервер»"


def fail(message: str) -> int:
    """Report a wrong result (ASCII only: the pipe's code page may lack Cyrillic)."""
    print(f"keyring round trip FAILED: {message}".encode("ascii", "backslashreplace").decode())
    return 1


def _stored_in_credential_manager(win32cred: Any, key: str) -> str | None:
    """The password Windows holds for ``key``, read with CredRead (keyring's two target
    names: the service alone, or ``user@service`` when the service already has a user)."""
    from win32ctypes.pywin32 import pywintypes

    for target in (keyring_store.SERVICE, f"{key}@{keyring_store.SERVICE}"):
        try:
            cred = win32cred.CredRead(Type=win32cred.CRED_TYPE_GENERIC, TargetName=target)
        except pywintypes.error:
            continue
        if cred["UserName"] == key:
            return bytes(cred["CredentialBlob"]).decode("utf-16-le")
    return None


def main() -> int:
    """Save, read back (through keyring and through Win32), forget, read again."""
    import keyring
    from win32ctypes.pywin32 import win32cred

    backend = type(keyring.get_keyring()).__name__
    if backend != "WinVaultKeyring":
        return fail(f"backend is {backend}, not WinVaultKeyring")
    key = keyring_store.keyring_key(URL)
    if not keyring_store.save_password(URL, PASSWORD):
        return fail("save_password returned False")
    if keyring_store.load_password(URL) != PASSWORD:
        return fail(f"read back {keyring_store.load_password(URL)!r}")
    if _stored_in_credential_manager(win32cred, key) != PASSWORD:
        return fail("the Credential Manager does not hold the password")
    keyring_store.forget_password(URL)
    if keyring_store.load_password(URL) is not None:
        return fail("the password is still there after forget_password")
    target = key.encode("ascii", "backslashreplace").decode()
    print(f"keyring round trip: {backend}, target {target}, "
          f"{len(PASSWORD)}-character Cyrillic password stored, read, deleted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
