import hashlib

import bcrypt


def signup(body):
    password = body["password"]
    # ruleid: python.weak-password-hash
    legacy = hashlib.md5(password.encode()).hexdigest()
    # ruleid: python.weak-password-hash
    salted = hashlib.sha256((body["salt"] + body["password"]).encode()).hexdigest()
    # ruleid: python.weak-password-hash
    other = hashlib.new("sha1", password.encode()).hexdigest()
    # ok: python.weak-password-hash
    stored = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    # ok: python.weak-password-hash
    derived = hashlib.pbkdf2_hmac("sha256", password.encode(), b"salt", 600000)
    # ok: python.weak-password-hash
    email_hash = hashlib.sha256(body["email"].encode()).hexdigest()
    return [legacy, salted, other, stored, derived, email_hash]
