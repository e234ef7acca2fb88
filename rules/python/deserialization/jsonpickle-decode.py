import json
import jsonpickle
from jsonpickle import decode as jp_decode


def handler(event, context):
    # ruleid: python.jsonpickle-decode
    cfg = jsonpickle.decode(event["body"])
    # ruleid: python.jsonpickle-decode
    cfg2 = jp_decode(event["body"])
    # ok: python.jsonpickle-decode
    text = jsonpickle.encode(cfg)
    # ok: python.jsonpickle-decode
    plain = json.loads(event["body"])
    return [cfg, cfg2, text, plain]
