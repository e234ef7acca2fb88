import os

from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def handler(event, context):
    key = os.urandom(32)
    # ruleid: python.ecb-mode
    a = AES.new(key, AES.MODE_ECB)
    # ruleid: python.ecb-mode
    c = Cipher(algorithms.AES(key), modes.ECB())
    # ok: python.ecb-mode
    g = AES.new(key, AES.MODE_GCM)
    # ok: python.ecb-mode
    c2 = Cipher(algorithms.AES(key), modes.CBC(os.urandom(16)))
    return [a, c, g, c2]
