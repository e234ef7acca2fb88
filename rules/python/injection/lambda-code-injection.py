import ast
import json


def handler(event, context):
    body = json.loads(event["body"])
    expr = body.get("expression", "0")
    # ruleid: python.lambda-code-injection
    result = eval(expr)
    # ruleid: python.lambda-code-injection
    exec(compile(body.get("script", ""), "<hook>", "exec"))
    # ruleid: python.lambda-code-injection
    exec("value = " + event["queryStringParameters"]["v"])
    # ok: python.lambda-code-injection
    total = eval("1 + 2")
    # ok: python.lambda-code-injection
    literal = ast.literal_eval(expr)
    # ok: python.lambda-code-injection
    n = eval(str(int(expr)))
    return result, total, literal, n
