/** The Vaadin web application; views call services, never jOOQ or the process runner. */
@org.springframework.modulith.ApplicationModule(displayName = "Web UI", allowedDependencies = {"daemon", "config", "events", "debian", "builder", "packager", "repository", "remote", "users", "api"})
package org.minibuildd.ui;
