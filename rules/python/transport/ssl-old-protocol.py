import ssl
from OpenSSL import SSL


def handler(event, context):
    # ruleid: python.ssl-old-protocol
    a = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    b = ssl.create_default_context()
    # ruleid: python.ssl-old-protocol
    b.minimum_version = ssl.TLSVersion.TLSv1_1
    # ruleid: python.ssl-old-protocol
    c = SSL.Context(SSL.TLSv1_METHOD)
    # ok: python.ssl-old-protocol
    d = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: python.ssl-old-protocol
    b.minimum_version = ssl.TLSVersion.TLSv1_2
    return [a, b, c, d]
