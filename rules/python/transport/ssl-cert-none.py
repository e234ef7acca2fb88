import socket
import ssl

import urllib3


def handler(event, context):
    ctx = ssl.create_default_context()
    # ruleid: python.ssl-cert-none
    ctx.check_hostname = False
    # ruleid: python.ssl-cert-none
    ctx.verify_mode = ssl.CERT_NONE
    # ruleid: python.ssl-cert-none
    pool = urllib3.PoolManager(cert_reqs="CERT_NONE")
    # ruleid: python.ssl-cert-none
    s = ssl.wrap_socket(socket.socket(), cert_reqs=ssl.CERT_NONE)
    # ok: python.ssl-cert-none
    ctx.verify_mode = ssl.CERT_REQUIRED
    # ok: python.ssl-cert-none
    ctx.check_hostname = True
    # ok: python.ssl-cert-none
    pool2 = urllib3.PoolManager(cert_reqs="CERT_REQUIRED")
    return [pool, pool2, s]
