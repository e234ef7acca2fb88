const { Pool } = require('pg');
const mysql = require('mysql2');
// ruleid: javascript.hardcoded-database-password
const a = new Pool({ host: 'db', user: 'app', password: process.env.DB_PASSWORD });
// ruleid: javascript.hardcoded-database-password
const b = mysql.createPool({ host: 'db', user: 'app', password: process.env.DB_PASSWORD });
// ok: javascript.hardcoded-database-password
const c = new Pool({ host: 'db', user: 'app', password: process.env.DB_PASSWORD });
// ok: javascript.hardcoded-database-password
const d = mysql.createPool({ host: 'db', user: 'app', password: '' });
