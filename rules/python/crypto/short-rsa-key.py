from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.asymmetric import dsa, rsa


def handler(event, context):
    # ruleid: python.short-rsa-key
    a = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ruleid: python.short-rsa-key
    b = RSA.generate(1024)
    # ruleid: python.short-rsa-key
    c = dsa.generate_private_key(key_size=1024)
    # ok: python.short-rsa-key
    d = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ok: python.short-rsa-key
    e = RSA.generate(2048)
    return [a, b, c, d, e]
