// ruleid: javascript.node-tls-reject-unauthorized-env
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
// ruleid: javascript.node-tls-reject-unauthorized-env
process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;
// ok: javascript.node-tls-reject-unauthorized-env
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
// ok: javascript.node-tls-reject-unauthorized-env
process.env.NODE_OPTIONS = '0';
