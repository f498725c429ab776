/**
 * The HTTP API under {@code /mini_buildd/api/<call>/}: the same call names, argument names, authorization levels
 * and JSON shapes as mini-buildd 2.x, so its users' scripts and clients keep working. One {@link ApiCall}
 * definition per call drives the endpoint, the API page and the command line client.
 */
@org.springframework.modulith.ApplicationModule(displayName = "HTTP API", allowedDependencies = {"daemon", "config", "openpgp", "users", "packager", "builder", "remote", "events", "repository"})
package org.minibuildd.api;
