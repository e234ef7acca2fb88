import hashlib
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC


def hash_password(password):
    salt = os.urandom(16)
    # ruleid: python.pbkdf2-low-iterations
    a = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600000)
    # ruleid: python.pbkdf2-low-iterations
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600000)
    # ok: python.pbkdf2-low-iterations
    b = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600000)
    # ok: python.pbkdf2-low-iterations
    kdf2 = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600_000)
    return a, kdf, b, kdf2
