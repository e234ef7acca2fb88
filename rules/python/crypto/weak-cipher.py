import os

from Crypto.Cipher import AES, ARC4, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def handler(event, context):
    key = os.urandom(16)
    # ruleid: python.weak-cipher
    d = DES.new(key[:8], DES.MODE_CBC, iv=os.urandom(8))
    # ruleid: python.weak-cipher
    r = ARC4.new(key)
    # ruleid: python.weak-cipher
    c = Cipher(algorithms.TripleDES(key), modes.CBC(os.urandom(8)))
    # ok: python.weak-cipher
    a = AES.new(key, AES.MODE_GCM)
    # ok: python.weak-cipher
    c2 = Cipher(algorithms.AES(key), modes.GCM(os.urandom(12)))
    return [d, r, c, a, c2]
