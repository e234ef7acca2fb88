const crypto = require('crypto');
exports.handler = async (event) => {
  // ruleid: javascript.create-cipher-no-iv
  const c = crypto.createCipher('aes-256-cbc', key);
  // ruleid: javascript.create-cipher-no-iv
  const d = crypto.createDecipher('aes-256-cbc', key);
  // ok: javascript.create-cipher-no-iv
  const e = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));
  // ok: javascript.create-cipher-no-iv
  const f = crypto.createHash('sha256');
};
