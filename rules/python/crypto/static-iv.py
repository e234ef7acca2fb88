import os

from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

STATIC_IV = b"0123456789abcdef"


def handler(event, context):
    key = os.urandom(32)
    # ruleid: python.static-iv
    a = AES.new(key, AES.MODE_CBC, iv=STATIC_IV)
    # ruleid: python.static-iv
    c = Cipher(algorithms.AES(key), modes.CBC(b"\x00" * 16))
    # ruleid: python.static-iv
    blob = AESGCM(key).encrypt(b"fixed-nonce1", b"data", None)
    # ok: python.static-iv
    a2 = AES.new(key, AES.MODE_CBC, iv=os.urandom(16))
    nonce = os.urandom(12)
    # ok: python.static-iv
    blob2 = AESGCM(key).encrypt(nonce, b"data", None)
    return [a, c, blob, a2, blob2]
