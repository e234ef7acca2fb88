const { Pool } = require('pg');
const mysql = require('mysql2');
// ruleid: javascript.hardcoded-database-password
const a = new Pool({ host: 'db', user: 'app', password: 'S3cr3t!Passw0rd' });
// ruleid: javascript.hardcoded-database-password
const b = mysql.createPool({ host: 'db', user: 'app', password: 'An0ther#Secret' });
// ok: javascript.hardcoded-database-password
const c = new Pool({ host: 'db', user: 'app', password: process.env.DB_PASSWORD });
// ok: javascript.hardcoded-database-password
const d = mysql.createPool({ host: 'db', user: 'app', password: '' });
