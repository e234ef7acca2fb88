"""Test cases for python.subprocess-shell-true."""
import subprocess
import subprocess as sp
from subprocess import Popen, check_output as co, run


def handler(event, context):
    name = event["queryStringParameters"]["name"]
    cmd = "convert /tmp/in.png " + name

    # ruleid: python.subprocess-shell-true
    subprocess.run(cmd, shell=True)

    # ruleid: python.subprocess-shell-true
    sp.call(f"ls -l {name}", shell=True, cwd="/tmp")

    # ruleid: python.subprocess-shell-true
    out = co("grep %s /etc/hosts" % name, text=True, shell=True)

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

    # A constant kept in a variable still counts as non-constant to this
    # syntactic rule; the taint rule knows better.
    # todook: python.subprocess-shell-true
    subprocess.run(CONSTANT_CMD, shell=True)
    return {"statusCode": 200, "body": out}
