const crypto = require('crypto');
exports.handler = async (event) => {
  // ruleid: javascript.weak-rsa-key
  const a = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  // ruleid: javascript.weak-rsa-key
  crypto.generateKeyPair('rsa', { modulusLength: 512, publicExponent: 65537 }, cb);
  // ok: javascript.weak-rsa-key
  const b = crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
  // ok: javascript.weak-rsa-key
  const c = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
};
