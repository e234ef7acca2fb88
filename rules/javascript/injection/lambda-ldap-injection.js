const ldap = require('ldapjs');
const client = ldap.createClient({ url: 'ldaps://ldap.example.com' });
exports.handler = async (event) => {
  const { user } = JSON.parse(event.body);
  // ruleid: javascript.lambda-ldap-injection
  client.search('ou=people,dc=example,dc=com', { filter: `(uid=${user})`, scope: 'sub' }, () => {});
  // ruleid: javascript.lambda-ldap-injection
  client.bind('uid=' + user + ',ou=people,dc=example,dc=com', 'x', () => {});
  // ok: javascript.lambda-ldap-injection
  client.search('ou=people,dc=example,dc=com', { filter: new ldap.EqualityFilter({ attribute: 'uid', value: user }) }, () => {});
  // ok: javascript.lambda-ldap-injection
  client.search('ou=people,dc=example,dc=com', { filter: '(objectClass=person)' }, () => {});
};
exports.list = async () => {
  // ok: javascript.lambda-ldap-injection
  client.search('ou=groups,dc=example,dc=com', { filter: '(cn=admins)' }, () => {});
};
