import json

ALLOWED = {"https://shop.example.com"}


def handler(event, context):
    origin = event["headers"].get("origin", "")
    if event.get("path") == "/a":
        return {
            "statusCode": 200,
            # ruleid: python.cors-wildcard-credentials
            "headers": {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true"},
            "body": "{}",
        }
    if event.get("path") == "/b":
        return {
            "statusCode": 200,
            # ruleid: python.cors-wildcard-credentials
            "headers": {"Access-Control-Allow-Credentials": "true", "Access-Control-Allow-Origin": event["headers"]["origin"]},
            "body": "{}",
        }
    if origin in ALLOWED:
        # ok: python.cors-wildcard-credentials
        return {"statusCode": 200, "headers": {"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true"}, "body": "{}"}
    # ok: python.cors-wildcard-credentials
    return {"statusCode": 200, "headers": {"Access-Control-Allow-Origin": "*"}, "body": json.dumps({"public": True})}
