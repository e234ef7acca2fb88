import json
import re


def handler(event, context):
    body = json.loads(event["body"])
    name = body.get("filename", "report.csv")
    if body.get("a"):
        # ruleid: python.lambda-header-injection
        return {"statusCode": 200, "headers": {"X-Request-Source": body.get("source", "")}, "body": "{}"}
    if body.get("b"):
        return {
            "statusCode": 200,
            # ruleid: python.lambda-header-injection
            "headers": {"Content-Type": "text/csv", "Content-Disposition": f"attachment; filename={name}"},
            "body": "",
        }
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "", name)
    # ok: python.lambda-header-injection
    return {"statusCode": 200, "headers": {"Content-Disposition": f"attachment; filename={safe_name}"}, "body": ""}


def constant(event, context):
    # ok: python.lambda-header-injection
    return {"statusCode": 200, "headers": {"X-Frame-Options": "DENY"}, "body": json.dumps({"id": event["id"]})}
