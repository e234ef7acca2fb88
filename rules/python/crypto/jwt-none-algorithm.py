import os

import jwt


def handler(event, context):
    claims = {"sub": event["sub"]}
    # ruleid: python.jwt-none-algorithm
    a = jwt.encode(claims, None, algorithm="none")
    # ruleid: python.jwt-none-algorithm
    b = jwt.encode(claims, key="", algorithm="None")
    # ok: python.jwt-none-algorithm
    c = jwt.encode(claims, os.environ["JWT_SECRET"], algorithm="HS256")
    # ok: python.jwt-none-algorithm
    d = jwt.encode(claims, os.environ["JWT_SECRET"])
    return [a, b, c, d]
