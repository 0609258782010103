"""Files at an AWS path that are not INI text: ciphertext, binary data, or no parsable line.

Dotfiles repositories keep ``.aws/credentials`` encrypted (ansible-vault, sops, git-crypt, age,
PGP…) and decrypt it at install time; judging the ciphertext line by line would report one
syntax error per line of base64. A file recognised here is not linted at all: it gets one
parse issue, ``encrypted`` (reported by AWS014 at info level) or ``not-ini`` (AWS001: botocore
refuses it), and nothing from its content is ever shown.
"""

from __future__ import annotations

from typing import Optional

# Header (at the start of the file, after blank lines) -> the tool that wrote it. Sources: the
# ansible-vault, age, git-crypt, transcrypt and saltpack formats; RFC 4880 §6.2 (PGP armour).
_HEADERS = (
    ("$ANSIBLE_VAULT;", "ansible-vault"),
    ("age-encryption.org/v1", "age"),
    ("-----BEGIN AGE ENCRYPTED FILE-----", "age"),
    ("\x00GITCRYPT\x00", "git-crypt"),
    ("-----BEGIN PGP MESSAGE-----", "PGP (gpg, blackbox, git-secret)"),
    ("BEGIN KEYBASE SALTPACK ENCRYPTED MESSAGE", "Keybase saltpack"),
    ("U2FsdGVkX1", "OpenSSL (transcrypt)"),  # base64 of "Salted__"
)
# sops keeps the file's format and marks each encrypted value (ENC[AES256_GCM,…); its metadata
# is a [sops] section (INI) or sops_* keys.
_SCAN_CHARS = 65536  # marks are near the start or on every value: a prefix is enough
_SOPS_VALUE = "ENC[AES256_GCM,"


def ciphertext_kind(text: str) -> Optional[str]:
    """The encryption tool whose output ``text`` is, or None for anything else."""
    head = text[:256].lstrip(" \t\r\n\ufeff")[:64]
    for header, tool in _HEADERS:
        if head.startswith(header):
            return tool
    prefix = text[:_SCAN_CHARS]
    if _SOPS_VALUE in prefix and _is_sops(prefix):
        return "sops"
    return None


def _is_sops(prefix: str) -> bool:
    """sops output: an encrypted value and sops's own metadata, on lines that are not comments.

    A mark alone is not enough: a plaintext credentials file with ``ENC[AES256_GCM,…`` in a
    comment (an old value kept for reference) must still be linted, keys and all."""
    encrypted = metadata = mac = version = False
    for line in prefix.splitlines():
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        key = stripped.partition("=")[0].strip().lower()
        encrypted = encrypted or _SOPS_VALUE in stripped
        metadata = metadata or stripped.lower() == "[sops]"
        mac = mac or key == "sops_mac"
        version = version or key == "sops_version"
    return encrypted and (metadata or (mac and version))


def is_binary(text: str) -> bool:
    """NUL characters: no text file, and never an INI file botocore can read."""
    return "\x00" in text[:_SCAN_CHARS]
