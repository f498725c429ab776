/**
 * Start and stop of the engine: typed settings, the home layout, the private PostgreSQL cluster, the instance's
 * identity and jobs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Daemon", allowedDependencies = {"process", "db", "debian"})
package org.minibuildd.daemon;
