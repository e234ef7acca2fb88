import os

import jwt

SECRET = os.environ["JWT_SECRET"]


def handler(event, context):
    claims = {"sub": event["sub"]}
    # ruleid: python.jwt-hardcoded-secret
    a = jwt.encode(claims, os.environ["JWT_SECRET"], algorithm="HS256")
    # ruleid: python.jwt-hardcoded-secret
    b = jwt.decode(event["token"], key=os.environ["JWT_SECRET"], algorithms=["HS256"])
    # ok: python.jwt-hardcoded-secret
    c = jwt.encode(claims, SECRET, algorithm="HS256")
    # ok: python.jwt-hardcoded-secret
    d = jwt.encode(claims, None, algorithm="none")
    return [a, b, c, d]
