ALLOWED_REDIRECTS = {"https://shop.example.com/", "https://shop.example.com/account"}


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    next_url = params.get("next", "/")
    if params.get("mode") == "a":
        # ruleid: python.lambda-open-redirect
        return {"statusCode": 302, "headers": {"Location": next_url}}
    if params.get("mode") == "b":
        return {
            "statusCode": 302,
            "headers": {
                "Cache-Control": "no-store",
                # ruleid: python.lambda-open-redirect
                "Location": "https://" + params["host"] + "/welcome",
            },
        }
    # ok: python.lambda-open-redirect
    return {"statusCode": 302, "headers": {"Location": "https://shop.example.com/"}}


def safe(event, context):
    next_url = event["queryStringParameters"]["next"]
    if next_url in ALLOWED_REDIRECTS:
        # ok: python.lambda-open-redirect
        return {"statusCode": 302, "headers": {"Location": next_url}}
    return {"statusCode": 302, "headers": {"Location": "/"}}
