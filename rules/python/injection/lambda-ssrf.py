import json
import urllib.request

import requests

PARTNER = "https://hooks.partner.example.com/ack"


def handler(event, context):
    body = json.loads(event["body"])
    callback = body["callback_url"]
    # ruleid: python.lambda-ssrf
    requests.post(callback, json={"ok": True}, timeout=5)
    # ruleid: python.lambda-ssrf
    urllib.request.urlopen(body["avatar"])
    # ruleid: python.lambda-ssrf
    requests.get("https://" + event["queryStringParameters"]["host"] + "/status", timeout=5)
    # ok: python.lambda-ssrf
    requests.post(PARTNER, json={"callback": callback}, timeout=5)
    # ok: python.lambda-ssrf
    requests.get("https://api.partner.example.com/v2/users", params={"id": body["id"]}, timeout=5)
