import hashlib
import json


def handler(event, context):
    body = json.loads(event["body"])
    # ruleid: python.weak-hash
    fingerprint = hashlib.sha256(body["email"].encode()).hexdigest()
    # ruleid: python.weak-hash
    digest = hashlib.sha256(event["body"].encode()).hexdigest()
    # ruleid: python.weak-hash
    h = hashlib.sha256()
    h.update(b"x")
    # ok: python.weak-hash
    etag = hashlib.md5(event["body"].encode(), usedforsecurity=False).hexdigest()
    # ok: python.weak-hash
    strong = hashlib.sha256(event["body"].encode()).hexdigest()
    # ok: python.weak-hash
    legacy = hashlib.md5(body["password"].encode()).hexdigest()
    # ruleid: python.weak-hash
    tag = hashlib.sha256(event["body"].encode()).hexdigest()
    # ok: python.weak-hash
    etag2 = hashlib.new("md5", event["body"].encode(), usedforsecurity=False).hexdigest()
    # ok: python.weak-hash
    strong2 = hashlib.new("sha256", event["body"].encode()).hexdigest()
    # ok: python.weak-hash
    other = hashlib.new("sha1", body["password"].encode()).hexdigest()
    return [fingerprint, digest, h, etag, strong, legacy, tag, etag2, strong2, other]
