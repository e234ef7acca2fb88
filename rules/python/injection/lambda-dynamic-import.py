import importlib
import json

PLUGINS = {"csv": "exporters.csv_exporter", "pdf": "exporters.pdf_exporter"}


def handler(event, context):
    body = json.loads(event["body"])
    # ruleid: python.lambda-dynamic-import
    mod = importlib.import_module(body["exporter"])
    # ruleid: python.lambda-dynamic-import
    mod2 = __import__("exporters." + event["pathParameters"]["fmt"])
    # ok: python.lambda-dynamic-import
    mod3 = importlib.import_module("exporters.csv_exporter")
    # ok: python.lambda-dynamic-import
    mod4 = importlib.import_module(PLUGINS.get("csv"))
    return mod, mod2, mod3, mod4
