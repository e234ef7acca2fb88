import subprocess as sp


def main(event, context):
    sp.run("tar xf " + event["key"], shell=True)
    return {"ok": True}
