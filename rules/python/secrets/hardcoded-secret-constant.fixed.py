import os

# ruleid: python.hardcoded-secret-constant
SIGNING_KEY = os.environ["SIGNING_KEY"]
# ruleid: python.hardcoded-secret-constant
stripe_api_key = os.environ["STRIPE_API_KEY"]
# ok: python.hardcoded-secret-constant
JWT_SECRET = os.environ["JWT_SECRET"]
# ok: python.hardcoded-secret-constant
SECRET_NAME = "prod/app/jwt_secret_v2"
# ok: python.hardcoded-secret-constant
PASSWORD_FIELD = "password_hash"
# ok: python.hardcoded-secret-constant
API_KEY = "changeme12345678"
# ok: python.hardcoded-secret-constant
AUTH_TOKEN_HEADER = "X-Auth-Token"
