const crypto = require('crypto');
exports.handler = async (event) => {
  // ruleid: javascript.weak-cipher-algorithm
  const a = crypto.createCipheriv('des-cbc', key, iv);
  // ruleid: javascript.weak-cipher-algorithm
  const b = crypto.createCipheriv('rc4', key, null);
  // ruleid: javascript.weak-cipher-algorithm
  const c = crypto.createDecipheriv('des-ede3-cbc', key, iv);
  // ok: javascript.weak-cipher-algorithm
  const d = crypto.createCipheriv('aes-256-gcm', key, iv);
  // ok: javascript.weak-cipher-algorithm
  const e = crypto.createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 });
};
