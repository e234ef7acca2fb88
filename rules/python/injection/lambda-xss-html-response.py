import html
import json


def handler(event, context):
    body = json.loads(event["body"])
    value = body.get("value", "")
    page = "<html><body><h1>Results for " + value + "</h1></body></html>"
    safe_page = "<html><body><h1>Results for " + html.escape(value) + "</h1></body></html>"
    if body.get("format") == "html":
        # ruleid: python.lambda-xss-html-response
        return {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": page}
    if body.get("format") == "inline":
        # ruleid: python.lambda-xss-html-response
        return {"headers": {"content-type": "text/html; charset=utf-8"}, "statusCode": 200, "body": f"<p>{value}</p>"}
    if body.get("format") == "safe-html":
        # ok: python.lambda-xss-html-response
        return {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": safe_page}
    # ok: python.lambda-xss-html-response
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps({"v": value})}
