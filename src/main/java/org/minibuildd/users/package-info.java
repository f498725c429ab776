/**
 * Accounts and authentication: users with a role (admin, staff, user), their hashed passwords, the always
 * present {@code admin} account, and the web login (mini-buildd's {@code /accounts/login/} protocol, HTTP Basic
 * for API clients). Authorization of single API calls is the API's business; it asks {@link UserService}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Users", allowedDependencies = {"daemon", "db", "events"})
package org.minibuildd.users;
