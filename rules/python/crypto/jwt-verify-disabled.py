import os

import jwt

SECRET = os.environ["JWT_SECRET"]


def handler(event, context):
    token = event["headers"]["Authorization"].removeprefix("Bearer ")
    # ruleid: python.jwt-verify-disabled
    a = jwt.decode(token, options={"verify_signature": False})
    # ruleid: python.jwt-verify-disabled
    b = jwt.decode(token, SECRET, verify=False)
    # ruleid: python.jwt-verify-disabled
    c = jwt.decode(token, SECRET, algorithms=["HS256", "none"])
    # ok: python.jwt-verify-disabled
    d = jwt.decode(token, SECRET, algorithms=["HS256"])
    # ok: python.jwt-verify-disabled
    e = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})
    return [a, b, c, d, e]
