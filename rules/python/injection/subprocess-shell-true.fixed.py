"""Test cases for python.subprocess-shell-true."""
import subprocess
import subprocess as sp
from subprocess import Popen, check_output as co, run

CONSTANT_CMD = "ls -l /tmp"
CHANGING_CMD = "ls"


def handler(event, context):
    name = event["queryStringParameters"]["name"]
    cmd = "convert /tmp/in.png " + name

    # ruleid: python.subprocess-shell-true
    subprocess.run(cmd, shell=True)

    # ruleid: python.subprocess-shell-true
    sp.call(["ls", "-l", str(name)], cwd="/tmp")

    # ruleid: python.subprocess-shell-true
    out = co(["grep", str(name), "/etc/hosts"], text=True)

    # ruleid: python.subprocess-shell-true
    proc = Popen(
        cmd,
        stdout=subprocess.PIPE,
        shell=True,
    )

    # ruleid: python.subprocess-shell-true
    run([cmd], shell=True)

    # ok: python.subprocess-shell-true
    subprocess.run("ls -l /tmp", shell=True)

    # ok: python.subprocess-shell-true
    subprocess.run(cmd, shell=False)

    # ok: python.subprocess-shell-true
    subprocess.run(["convert", "/tmp/in.png", name], check=True)

    # ok: python.subprocess-shell-true
    sp.check_call(["ls", "-l", name], shell=True)

    # ok: python.subprocess-shell-true
    subprocess.run(cmd)

    # ok: python.subprocess-shell-true
    other.run(cmd, shell=True)

    # A module-level constant is as constant as the literal.
    # ok: python.subprocess-shell-true
    subprocess.run(CONSTANT_CMD, shell=True)

    # ...unless the name is also assigned elsewhere.
    # ruleid: python.subprocess-shell-true
    subprocess.run(CHANGING_CMD, shell=True)
    return {"statusCode": 200, "body": out}


def configure(extra):
    global CHANGING_CMD
    CHANGING_CMD = "ls " + extra
