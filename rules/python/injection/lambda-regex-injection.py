import json
import re


def handler(event, context):
    body = json.loads(event["body"])
    pattern = body.get("filter", ".*")
    # ruleid: python.lambda-regex-injection
    if re.search(pattern, body.get("subject", "")):
        pass
    # ruleid: python.lambda-regex-injection
    rx = re.compile("^" + event["queryStringParameters"]["prefix"])
    # ok: python.lambda-regex-injection
    if re.search(re.escape(pattern), body.get("subject", "")):
        pass
    # ok: python.lambda-regex-injection
    if re.match(r"^[a-z]+$", pattern):
        pass
    return rx
