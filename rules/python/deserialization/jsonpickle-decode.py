import json
import jsonpickle
from jsonpickle import decode as jp_decode

DEFAULTS = '{"retries": 3}'


def handler(event, context):
    # ruleid: python.jsonpickle-decode
    cfg = jsonpickle.decode(event["body"])
    # ruleid: python.jsonpickle-decode
    cfg2 = jp_decode(event["body"])
    # ok: python.jsonpickle-decode
    text = jsonpickle.encode(cfg)
    # ok: python.jsonpickle-decode
    plain = json.loads(event["body"])
    # ruleid: python.jsonpickle-decode
    cfg3 = jsonpickle.decode(event["body"], safe=True)
    # ok: python.jsonpickle-decode
    defaults = jsonpickle.decode('{"retries": 3, "region": "eu-west-1"}')
    # ok: python.jsonpickle-decode
    fallback = jsonpickle.loads(DEFAULTS)
    return [cfg, cfg2, cfg3, text, plain, defaults, fallback]
