import ssl
import urllib.request


def handler(event, context):
    # ruleid: python.ssl-unverified-context
    ctx = ssl._create_unverified_context()
    # ruleid: python.ssl-unverified-context
    page = urllib.request.urlopen("https://api.example.com/", context=ssl._create_unverified_context())
    # ok: python.ssl-unverified-context
    good = ssl.create_default_context()
    # ok: python.ssl-unverified-context
    page2 = urllib.request.urlopen("https://api.example.com/", context=ssl.create_default_context(cafile="/opt/ca.pem"))
    return [ctx, page, good, page2]
