const crypto = require('crypto');
const { createCipher } = require('node:crypto');
const legacy = require('./legacy-cipher');
exports.handler = async (event) => {
  // ruleid: javascript.create-cipher-no-iv
  const c = crypto.createCipher('aes-256-cbc', key);
  // ruleid: javascript.create-cipher-no-iv
  const d = crypto.createDecipher('aes-256-cbc', key);
  // ok: javascript.create-cipher-no-iv
  const e = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));
  // ok: javascript.create-cipher-no-iv
  const f = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(event.iv, 'base64'));
  // ruleid: javascript.create-cipher-no-iv
  const g = createCipher('aes-128-cbc', key);
  // ok: javascript.create-cipher-no-iv
  const h = legacy.createCipher('aes-256-cbc', key);
};
