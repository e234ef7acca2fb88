import hashlib
import hmac
import os

SECRET = os.environ["WEBHOOK_SECRET"].encode()


def handler(event, context):
    headers = event["headers"]
    expected = hmac.new(SECRET, event["body"].encode(), hashlib.sha256).hexdigest()
    # ruleid: python.timing-unsafe-compare
    if headers.get("X-Signature") == expected_signature(event):
        pass
    # ruleid: python.timing-unsafe-compare
    if headers["x-api-key"] != os.environ["API_KEY"]:
        return {"statusCode": 403}
    # ruleid: python.timing-unsafe-compare
    if expected == headers["X-Hub-Signature"]:
        pass
    # ok: python.timing-unsafe-compare
    if hmac.compare_digest(headers.get("X-Signature", ""), expected):
        pass
    # ok: python.timing-unsafe-compare
    if headers.get("X-Signature") is None:
        pass
    # ok: python.timing-unsafe-compare
    if headers.get("X-Signature") == "":
        pass
    # ok: python.timing-unsafe-compare
    if len(headers.get("X-Signature", "")) == 64:
        pass
    # ok: python.timing-unsafe-compare
    if headers.get("X-Signature-Version") == "v1":
        pass
    return {"statusCode": 200}


def expected_signature(event):
    return hmac.new(SECRET, event["body"].encode(), hashlib.sha256).hexdigest()
