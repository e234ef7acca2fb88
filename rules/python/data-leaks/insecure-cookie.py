from flask import Flask, make_response

app = Flask(__name__)


def handler(event, context):
    session = event["queryStringParameters"]["session"]
    if event.get("path") == "/a":
        return {
            "statusCode": 302,
            "headers": {
                "Location": "/home",
                # ruleid: python.insecure-cookie
                "Set-Cookie": f"session={session}; Path=/",
            },
        }
    if event.get("path") == "/b":
        # ruleid: python.insecure-cookie
        return {"statusCode": 200, "headers": {"Set-Cookie": "theme=dark; Secure"}, "body": ""}
    # ok: python.insecure-cookie
    return {"statusCode": 200, "headers": {"Set-Cookie": f"sid={session}; Secure; HttpOnly; SameSite=Strict"}, "body": ""}


@app.route("/login")
def login():
    resp = make_response("ok")
    # ruleid: python.insecure-cookie
    resp.set_cookie("sid", "abc")
    # ok: python.insecure-cookie
    resp.set_cookie("sid2", "abc", secure=True, httponly=True, samesite="Lax")
    return resp
