const fs = require('fs');
// ruleid: javascript.world-writable-permissions
fs.chmodSync('/tmp/work', 0o777);
// ruleid: javascript.world-writable-permissions
fs.writeFileSync('/tmp/x.json', '{}', { mode: 0o666 });
// ok: javascript.world-writable-permissions
fs.chmodSync('/tmp/work', 0o700);
// ok: javascript.world-writable-permissions
fs.writeFileSync('/tmp/x.json', '{}', { mode: 0o600 });
