import json
import marshal
import shelve


def handler(event, context):
    raw = open("/tmp/in.bin", "rb").read()
    # ruleid: python.marshal-shelve-load
    code = marshal.loads(raw)
    # ruleid: python.marshal-shelve-load
    with shelve.open("/tmp/" + event["tenant"]) as db:
        cached = dict(db)
    # ok: python.marshal-shelve-load
    out = marshal.dumps([1, 2])
    # ok: python.marshal-shelve-load
    cfg = json.loads(raw)
    # ruleid: python.marshal-shelve-load
    state = shelve.open("/tmp/state", flag="r")
    # ok: python.marshal-shelve-load
    with shelve.open("/tmp/" + event["tenant"], flag="n") as fresh:
        fresh["seen"] = True
    # ok: python.marshal-shelve-load
    scratch = shelve.open("/tmp/scratch", "n")
    return [code, cached, out, cfg, state, scratch]
